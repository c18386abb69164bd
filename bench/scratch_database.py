"""A scratch database for a benchmark, on the configured PostgreSQL server (or the
embedded one when DATABASE_URL is unset), made empty before the run and dropped after."""

import os
from urllib.parse import urlsplit, urlunsplit


def server_url() -> str:
    """The PostgreSQL server the benchmark runs on, as a database URL."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    from labourhub.embedded_postgres import embedded_database_url  # only without a server

    return embedded_database_url("labourhub")


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def recreate(server: str, name: str, drop_only: bool = False) -> None:
    """Drop the database `name` on `server`, then (unless `drop_only`) make it again."""
    import psycopg  # the benchmark's settings choose the driver; import once they have

    with psycopg.connect(with_database(server, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')
