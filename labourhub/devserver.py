"""`make run`'s server: Django's development server on PORT (default 8000), plus a
Celery worker with beat when REDIS_URL is set (without it tasks run in-process)."""

import os
import subprocess
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labourhub.settings.dev")


def main() -> int:
    port = os.environ.get("PORT", "8000")
    python = sys.executable
    workers = []
    if os.environ.get("REDIS_URL"):
        workers.append(
            subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                [
                    python,
                    "-m",
                    "celery",
                    "-A",
                    "labourhub",
                    "worker",
                    "--beat",
                    "--loglevel",
                    "INFO",
                    "--concurrency",
                    "2",
                ]
            )
        )
        print("Celery worker and beat started against", os.environ["REDIS_URL"], flush=True)
    else:
        print("No REDIS_URL: Celery tasks run in-process.", flush=True)
    print(
        f"Hub: http://localhost:{port}/  Constituencies: http://<slug>.localhost:{port}/",
        flush=True,
    )
    try:
        return subprocess.call(  # noqa: S603
            [python, "manage.py", "runserver", f"127.0.0.1:{port}"]
        )
    except KeyboardInterrupt:
        return 0
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
