"""An embedded PostgreSQL for machines without a database server.

When DATABASE_URL is unset, dev and test settings call `embedded_database_url()`:
it starts (or reuses) a PostgreSQL from the `pgserver` wheel, its data kept in the
git-ignored `.pgdata/` folder, and returns a URL for the named database. The server
keeps running after the process exits so the next command finds it warm;
`make stop-db` stops it.
"""

import json
import os
import re
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

from django.core.exceptions import ImproperlyConfigured

PGDATA = Path(__file__).resolve().parent.parent / ".pgdata"


def embedded_database_url(database: str) -> str:
    pgserver = _pgserver()
    repair_handle_list(PGDATA)
    clear_stale_postmaster(PGDATA)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pgserver.get_server(PGDATA, cleanup_mode=None)
    socket_dir = server.get_postmaster_info().socket_dir
    _ensure_database(server, database)
    return f"postgresql://postgres@/{database}?host={quote(str(socket_dir), safe='/')}"


def _pgserver():
    try:
        with warnings.catch_warnings():
            # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; harmless here.
            warnings.simplefilter("ignore")
            import pgserver  # only a development dependency: absent from production images
    except ImportError:  # pragma: no cover - only on a production image
        raise ImproperlyConfigured(
            "DATABASE_URL is not set and the embedded PostgreSQL (pgserver) is not installed."
        ) from None
    return pgserver


def repair_handle_list(pgdata: Path) -> bool:
    """pgserver keeps the ids of the processes using the server in a JSON file, which it
    rewrites in place: a run killed half-way can leave it empty or cut short, and every
    later start then fails to read it. It only serves pgserver's clean-up on exit, which
    is off here (the server is left running), so an unreadable list is started afresh.
    Returns whether it was repaired."""
    handle_list = pgdata / ".handle_pids.json"
    try:
        if not handle_list.exists() or isinstance(json.loads(handle_list.read_text()), list):
            return False
    except ValueError:
        pass
    handle_list.write_text("[]")
    return True


def clear_stale_postmaster(pgdata: Path) -> bool:
    """A server killed outright (or a machine restarted) leaves postmaster.pid behind,
    and pgserver then takes the server for running and fails to reach it. The file is
    removed when no PostgreSQL runs under its process id, so the next start is clean
    (PostgreSQL recovers its data from the write-ahead log as after any crash).
    Returns whether it was removed."""
    pid_file = pgdata / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return False
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        command = b""
    if b"postgres" in command:
        return False
    pid_file.unlink(missing_ok=True)
    for lock in pgdata.glob(".s.PGSQL.*.lock"):
        lock.unlink(missing_ok=True)
    return True


def _ensure_database(server, database: str) -> None:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", database):
        raise ValueError(f"Unsafe database name {database!r}")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")  # noqa: S608
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')


def stop(pgdata: Path = PGDATA) -> None:
    """Stop the server kept in `pgdata`, if one is running, with pgserver's own pg_ctl
    command, as the system user pgserver runs it under when we are root."""
    if not (pgdata / "postmaster.pid").exists():
        return
    pgserver = _pgserver()
    system_user = "pgserver" if hasattr(os, "geteuid") and os.geteuid() == 0 else None
    pgserver.pg_ctl(["-m", "fast", "stop"], pgdata=pgdata, user=system_user)


if __name__ == "__main__":
    if sys.argv[1:] == ["stop"]:
        stop()
    else:
        print(embedded_database_url(sys.argv[1] if len(sys.argv) > 1 else "labourhub"))
