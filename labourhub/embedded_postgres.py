"""An embedded PostgreSQL for machines without a database server.

When DATABASE_URL is unset, dev and test settings call `embedded_database_url()`:
it starts (or reuses) a PostgreSQL from the `pgserver` wheel, its data kept in the
git-ignored `.pgdata/` folder, and returns a URL for the named database. The server
keeps running after the process exits so the next command finds it warm;
`make stop-db` stops it.
"""

import re
import warnings
from pathlib import Path
from urllib.parse import quote

PGDATA = Path(__file__).resolve().parent.parent / ".pgdata"


def embedded_database_url(database: str) -> str:
    try:
        with warnings.catch_warnings():
            # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; harmless here.
            warnings.simplefilter("ignore")
            import pgserver
    except ImportError:  # pragma: no cover - only on a production image
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "DATABASE_URL is not set and the embedded PostgreSQL (pgserver) is not installed."
        ) from None

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pgserver.get_server(PGDATA, cleanup_mode=None)
    socket_dir = server.get_postmaster_info().socket_dir
    _ensure_database(server, database)
    return f"postgresql://postgres@/{database}?host={quote(str(socket_dir), safe='/')}"


def _ensure_database(server, database: str) -> None:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", database):
        raise ValueError(f"Unsafe database name {database!r}")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")  # noqa: S608
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')


def stop() -> None:
    import subprocess

    import pgserver

    if (PGDATA / "postmaster.pid").exists():
        pg_ctl = Path(pgserver.__file__).parent / "pginstall" / "bin" / "pg_ctl"
        subprocess.run(  # noqa: S603 - fixed binary and arguments
            ["su", "pgserver", "-s", "/bin/sh", "-c", f"{pg_ctl} -D {PGDATA} -m fast stop"]
            if _running_as_root()
            else [str(pg_ctl), "-D", str(PGDATA), "-m", "fast", "stop"],
            check=False,
        )


def _running_as_root() -> bool:
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["stop"]:
        stop()
    else:
        print(embedded_database_url(sys.argv[1] if len(sys.argv) > 1 else "labourhub"))
