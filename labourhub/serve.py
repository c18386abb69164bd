"""`make serve`: the production shape on one machine.

gunicorn with the production settings (workers from the core count, the app loaded once
before forking) behind Varnish with the repo's VCL, on http://localhost:PORT (default
8080). Without DATABASE_URL it uses the embedded PostgreSQL with the demo data, as
`make run` does; without REDIS_URL tasks run in-process and the cache lives in files
under .serve/. Without DJANGO_SECRET_KEY it makes one for this machine and keeps it in
.serve/ (git-ignored). It answers plain HTTP on localhost names only: a real deployment
puts TLS in front (docker-compose.yml).
"""

import multiprocessing
import os
import secrets
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from labourhub import varnish
from labourhub.embedded_postgres import embedded_database_url

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".serve"


def _secret_key() -> str:
    path = STATE / "secret-key"
    if not path.exists():
        STATE.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


def gunicorn_workers() -> int:
    return int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)


def environment(port: int) -> dict:
    """The production settings' environment for serving on this machine at `port`."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "labourhub.settings.production",
        "SERVE_LOCALLY": "true",
        "PLATFORM_DOMAIN": "localhost",
        "PUBLIC_URL_PORT": str(port),
        "WAGTAILADMIN_BASE_URL": f"http://localhost:{port}",
        "SERVE_MEDIA": "true",
        "SERVE_CACHE_DIR": str(STATE / "cache"),
        # Varnish is the one proxy in front: it adds the visitor's address.
        "TRUSTED_PROXY_COUNT": "1",
        "HTTP_CACHE_PURGE_URLS": f"http://127.0.0.1:{port}",
    }
    env.setdefault("DJANGO_SECRET_KEY", _secret_key())
    env.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"] = embedded_database_url("labourhub")
        env["SERVE_DEMO_DATA"] = "true"
    return env


def _manage(env: dict, *arguments: str) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter and commands
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True
    )


def prepare(env: dict) -> None:
    """Migrate, load the demo data when the database is the embedded one, and collect
    the static files (hashed and compressed, as production serves them)."""
    # Loading data here purges nothing in a file cache left by an earlier run.
    shutil.rmtree(STATE / "cache", ignore_errors=True)
    _manage(env, "migrate_schemas", "--verbosity", "0")
    _manage(env, "setup_platform")
    if env.get("SERVE_DEMO_DATA"):
        _manage(env, "load_demo")
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def start(
    env: dict, port: int, workers: int | None = None, worker: bool = True
) -> list[subprocess.Popen]:
    """gunicorn on a free local port, Varnish on `port` in front of it, and (unless
    `worker` is false) a Celery worker with beat when there is a broker. Returns the
    processes, gunicorn first, once they answer."""
    backend_port = varnish.free_port()
    processes = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "labourhub.wsgi:application",
                "--bind",
                f"127.0.0.1:{backend_port}",
                "--workers",
                str(workers or gunicorn_workers()),
                "--preload",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=env,
        )
    ]
    try:
        varnish.wait_for_port(backend_port, timeout=60)
        processes.append(
            varnish.start(port=port, backend_port=backend_port, workdir=STATE / "varnish")
        )
        if worker and env.get("REDIS_URL"):
            processes.append(
                subprocess.Popen(  # noqa: S603
                    [sys.executable, "-m", "celery", "-A", "labourhub", "worker", "--beat"]
                    + ["--loglevel", "INFO", "--concurrency", "2"],
                    cwd=ROOT,
                    env=env,
                )
            )
    except BaseException:
        stop(processes)
        raise
    return processes


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> int:
    if varnish.varnishd() is None:
        print(varnish.INSTALL_HINT, file=sys.stderr)
        return 1
    port = int(os.environ.get("PORT") or 8080)
    env = environment(port)
    prepare(env)
    processes = start(env, port)
    print(
        f"Serving the production shape through Varnish: hub http://localhost:{port}/, "
        f"constituencies http://<slug>.localhost:{port}/ (Ctrl-C stops it).",
        flush=True,
    )
    if not env.get("REDIS_URL"):
        print("No REDIS_URL: tasks run in-process; the cache is kept in .serve/cache.")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        processes[0].wait()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        stop(processes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
