"""A scratch database for a benchmark, on the configured PostgreSQL server (or the
embedded one when DATABASE_URL is unset), made empty before the run and dropped after."""

import logging
import os
from urllib.parse import urlsplit, urlunsplit

import django
import psycopg
from django.db import connections

from labourhub.embedded_postgres import embedded_database_url


def server_url() -> str:
    """The PostgreSQL server the benchmark runs on, as a database URL."""
    return os.environ.get("DATABASE_URL") or embedded_database_url("labourhub")


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def recreate(server: str, name: str, drop_only: bool = False) -> None:
    """Drop the database `name` on `server`, then (unless `drop_only`) make it again."""
    with psycopg.connect(with_database(server, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def start_django_on(name: str) -> str:
    """Make the database `name` empty, point Django at it and set Django up, quietly.
    Returns the server's URL, for `drop`. Call it before importing any model."""
    server = server_url()
    recreate(server, name)
    os.environ["DATABASE_URL"] = with_database(server, name)
    django.setup()
    logging.disable(logging.WARNING)
    return server


def drop(server: str, name: str) -> None:
    connections.close_all()
    recreate(server, name, drop_only=True)
