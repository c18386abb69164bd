"""Benchmark: serving pages in the production shape, against nginx serving the same bytes.

    make bench-serving        (or: .venv/bin/python bench/serving.py --rounds 3 --seconds 5)

Starts what `make serve` starts (gunicorn with the production settings behind Varnish,
the embedded PostgreSQL with the demo data; Redis when REDIS_URL is set, as in
production), and nginx serving a static copy of a constituency's home page. Then, with
wrk, interleaved, for several rounds:

- nginx: the static copy (the ceiling for a cached page on this machine);
- cached: a constituency's home, an event page, the news index and the hub's
  directory, through Varnish, warm;
- uncached: the same pages with a unique query string on every request, so Varnish
  and the app's page cache pass them to the app, which renders each one.

It prints requests per second (min/median/max over the rounds), each cached page's
ratio to nginx in the same round, and the CPU milliseconds each uncached request cost
gunicorn and PostgreSQL together (from their process times, children included).
Targets: cached at least 0.5 of nginx; uncached at most 15 ms of CPU per request.
Needs Debian's varnish, nginx and wrk: `sudo apt-get install varnish nginx wrk`.
"""

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil  # noqa: E402

from labourhub import embedded_postgres, serve, varnish  # noqa: E402

NEEDS = {"varnishd": varnish.varnishd(), "nginx": shutil.which("nginx") or "/usr/sbin/nginx"}
WRK = shutil.which("wrk")
# A different query string on every request (wrk's Lua runs once per thread).
UNIQUE_QUERY = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "?bench=" .. counter .. "-" .. math.random(1, 1e9))
end
"""
NGINX_CONF = """
worker_processes {workers};
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    gzip_static on;
    server {{
        listen 127.0.0.1:{port};
        root {root}/site;
        location / {{ try_files /index.html =404; }}
    }}
}}
"""


def _get(port: int, host: str, path: str = "/") -> str:
    request = urllib.request.Request(  # noqa: S310 - our own local server
        f"http://127.0.0.1:{port}{path}", headers={"Host": f"{host}:{port}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.read().decode()


def _wrk(port: int, host: str, path: str, seconds: float, connections: int, script=None):
    arguments = [
        WRK,
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--latency",
    ]
    arguments += ["-H", f"Host: {host}:{port}", "-H", "Accept-Encoding: gzip"]
    if script:
        arguments += ["-s", script]
    result = subprocess.run(  # noqa: S603 - Debian's wrk, our own arguments
        [*arguments, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    )
    output = result.stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{host}{path}: {errors.group(1)} error responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), requests


def _cpu_seconds(pid: int) -> float:
    """A process tree's CPU time: the process, the children it has reaped, and the
    children still running."""
    process = psutil.Process(pid)
    times = process.cpu_times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in process.children(recursive=True):
        try:
            child_times = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += child_times.user + child_times.system
    return total


def _postmaster_pid() -> int:
    return int((embedded_postgres.PGDATA / "postmaster.pid").read_text().split()[0])


def _start_nginx(root: Path, html: str) -> tuple[subprocess.Popen, int]:
    site = root / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text(html)
    (site / "index.html.gz").write_bytes(gzip.compress(html.encode(), compresslevel=6))
    port = varnish.free_port()
    conf = root / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workers=os.cpu_count(), root=root, port=port))
    process = subprocess.Popen(  # noqa: S603 - Debian's nginx, our own configuration
        [NEEDS["nginx"], "-c", str(conf), "-p", str(root), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )
    varnish.wait_for_port(port)
    return process, port


def _summary(values, digits=1) -> str:
    return " ".join(
        f"{value:>9.{digits}f}" for value in (min(values), statistics.median(values), max(values))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--uncached-connections", type=int, default=1)
    options = parser.parse_args()

    missing = [name for name, path in NEEDS.items() if not path or not Path(path).exists()]
    if WRK is None:
        missing.append("wrk")
    if missing:
        print(f"Missing {', '.join(missing)}: sudo apt-get install varnish nginx wrk")
        return 1

    # Always the embedded PostgreSQL: its processes are the benchmark's alone, so their
    # CPU time is the app's; and the demo data never goes near a configured database.
    os.environ.pop("DATABASE_URL", None)
    port = varnish.free_port()
    env = serve.environment(port)
    print("Preparing the database, demo data and static files...", flush=True)
    serve.prepare(env)
    processes = serve.start(env, port, worker=False)
    scratch = Path(tempfile.mkdtemp(prefix="labourhub-bench-"))
    scratch.chmod(0o755)  # nginx's workers may run as another user
    nginx = None
    try:
        directory = _get(port, "localhost")
        slug = re.search(r'href="http://([a-z0-9-]+)\.localhost:\d+/"', directory).group(1)
        site = f"{slug}.localhost"
        events = _get(port, site, "/events/")
        event_path = re.search(r'href="(/events/(?!past/)[a-z0-9-]+/)"', events).group(1)
        pages = [
            ("CLP home", site, "/"),
            ("event page", site, event_path),
            ("news index", site, "/news/"),
            ("hub directory", "localhost", "/"),
        ]
        nginx, nginx_port = _start_nginx(scratch, _get(port, site, "/"))
        script = scratch / "unique.lua"
        script.write_text(UNIQUE_QUERY)
        for _, host, path in pages:  # warm Varnish, the chrome and the renditions
            for _ in range(3):
                _get(port, host, path)

        app_pids = [processes[0].pid, _postmaster_pid()]
        results = {"nginx": []}
        for name, _, _ in pages:
            results[f"cached {name}"] = []
            results[f"ratio {name}"] = []
            results[f"uncached {name}"] = []
            results[f"cpu {name}"] = []
            results[f"db {name}"] = []
        for round_number in range(1, options.rounds + 1):
            print(f"Round {round_number} of {options.rounds}...", flush=True)
            ceiling, _ = _wrk(nginx_port, "localhost", "/", options.seconds, options.connections)
            results["nginx"].append(ceiling)
            for name, host, path in pages:
                rate, _ = _wrk(port, host, path, options.seconds, options.connections)
                results[f"cached {name}"].append(rate)
                results[f"ratio {name}"].append(rate / ceiling)
            for name, host, path in pages:
                before = [_cpu_seconds(pid) for pid in app_pids]
                rate, requests = _wrk(
                    port, host, path, options.seconds, options.uncached_connections, str(script)
                )
                after = [_cpu_seconds(pid) for pid in app_pids]
                results[f"uncached {name}"].append(rate)
                results[f"cpu {name}"].append((sum(after) - sum(before)) * 1000 / requests)
                results[f"db {name}"].append((after[1] - before[1]) * 1000 / requests)
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
        serve.stop(processes)
        shutil.rmtree(scratch, ignore_errors=True)

    cores = os.cpu_count()
    print(
        f"\n{options.rounds} rounds of {options.seconds:g} s, interleaved; {cores} cores; "
        f"gunicorn {serve.gunicorn_workers()} workers; wrk {options.connections} connections "
        f"cached, {options.uncached_connections} uncached"
    )
    print(f"{'':34}{'min':>9} {'median':>9} {'max':>9}")
    print(f"{'nginx, static copy (req/s)':34}{_summary(results['nginx'])}")
    for name, _, _ in pages:
        print(f"{f'{name}, Varnish (req/s)':34}{_summary(results[f'cached {name}'])}")
        print(f"{'  ratio to nginx':34}{_summary(results[f'ratio {name}'], 2)}")
    for name, _, _ in pages:
        print(f"{f'{name}, uncached (req/s)':34}{_summary(results[f'uncached {name}'])}")
        print(f"{'  CPU ms per request':34}{_summary(results[f'cpu {name}'])}")
        print(f"{'    of which PostgreSQL':34}{_summary(results[f'db {name}'])}")
    worst_ratio = min(min(results[f"ratio {name}"]) for name, _, _ in pages)
    worst_cpu = max(statistics.median(results[f"cpu {name}"]) for name, _, _ in pages)
    print(
        f"\nCached: worst ratio to nginx {worst_ratio:.2f} (target at least 0.5). "
        f"Uncached: highest median CPU {worst_cpu:.1f} ms per request (target at most 15)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
