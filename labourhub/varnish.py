"""Running Varnish (Debian's `varnishd`) in front of a local app: for `make serve`, the
tests and the benchmark. The rules are deploy/varnish/labourhub.vcl, the same file
docker compose uses; only the backends differ."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

VCL_DIR = Path(__file__).resolve().parent.parent / "deploy" / "varnish"
INSTALL_HINT = "Varnish is not installed: `sudo apt-get install varnish` (Debian, Ubuntu)."

_BACKENDS = """vcl 4.1;

backend app {{
    .host = "{host}";
    .port = "{port}";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}}

backend app_health {{
    .host = "{host}";
    .port = "{port}";
    .probe = {{
        .url = "/healthz";
        .interval = {probe_interval};
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
    }}
}}

include "{rules}";
"""


def varnishd() -> str | None:
    return shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as attempt:
            if attempt.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing answered on port {port} within {timeout} s")


def start(
    *,
    port: int,
    backend_port: int,
    workdir: Path,
    backend_host: str = "127.0.0.1",
    memory: str = "256m",
    probe_interval: str = "2s",
    listen: str = "127.0.0.1",
    parameters: dict | None = None,
) -> subprocess.Popen:
    """Start varnishd in the foreground on `listen:port` in front of the app on
    `backend_host:backend_port`; its working files go in `workdir`; `parameters` are
    varnishd's run-time parameters (`-p name=value`). Returns once it answers; stop it
    with `.terminate()`."""
    binary = varnishd()
    if binary is None:
        raise FileNotFoundError(INSTALL_HINT)
    workdir.mkdir(parents=True, exist_ok=True)
    vcl = workdir / "local.vcl"
    vcl.write_text(
        _BACKENDS.format(
            host=backend_host,
            port=backend_port,
            probe_interval=probe_interval,
            rules=VCL_DIR / "labourhub.vcl",
        )
    )
    process = subprocess.Popen(  # noqa: S603 - Debian's varnishd, our own arguments
        [
            binary,
            "-F",
            "-j",
            "none",
            "-n",
            str(workdir / "instance"),
            "-a",
            f"{listen}:{port}",
            "-f",
            str(vcl),
            "-s",
            f"malloc,{memory}",
            *[
                argument
                for name, value in (parameters or {}).items()
                for argument in ("-p", f"{name}={value}")
            ],
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ},
    )
    try:
        wait_for_port(port)
    except TimeoutError:
        process.kill()
        _, errors = process.communicate(timeout=5)
        raise RuntimeError(f"varnishd did not start:\n{errors.decode(errors='replace')}") from None
    return process
