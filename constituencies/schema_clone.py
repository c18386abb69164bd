"""Copy the template schema, structure and rows, into a new schema.

django-tenants ships a general-purpose `clone_schema` (a large PL/pgSQL function). It
is correct but walks the whole catalogue for each object, so it slows down as
schemas accumulate: measured here, the 60th constituency took over 6 s to clone and
the rate kept falling. A constituency schema holds only tables, indexes, constraints
and identity sequences (no views, functions, triggers or types), so this copies
exactly those (less the foreign keys into shared tables: `shared_foreign_keys`), with
queries that touch only the template's own catalogue rows, and keeps every table, index
and constraint name (later migrations refer to them). The copy is sent as one string of
statements, which needs the client-side parameter binding Django uses by default.

Everything runs on the caller's connection and transaction: if the caller rolls
back, the new schema disappears with it.
"""

import re

from django.core.exceptions import ValidationError
from django.db import connection
from django_tenants.postgresql_backend.base import is_valid_schema_name
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists
from psycopg import sql

from .shared_foreign_keys import keeps

_REFERENCE = re.compile(r"REFERENCES (?:(?P<schema>\w+)\.)?(?P<table>\w+)\(")


class SchemaExists(ValueError):
    pass


def clone_schema(source: str, target: str) -> None:
    """Create schema `target` as a copy of `source`, rows included."""
    for schema_name in (source, target):
        if not is_valid_schema_name(schema_name):
            raise ValidationError(f"Invalid schema name {schema_name!r}.")
    if schema_exists(target):
        raise SchemaExists(f"Schema {target} already exists.")
    # Catalogue definitions print unqualified names for what the search path can see;
    # generating them from the public schema makes that exactly the shared tables.
    with schema_context(get_public_schema_name()), connection.cursor() as cursor:
        tables, constraints, indexes, identities = _definitions(cursor, source)

        # Identifiers here are validated schema names and the template's own names, read
        # from the catalogue, never user input.
        statements = [f'CREATE SCHEMA "{target}"']
        for table in tables:
            statements.append(
                f'CREATE TABLE "{target}"."{table}" (LIKE "{source}"."{table}" '
                "INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED "
                "INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS)"
            )
            statements.append(
                f'INSERT INTO "{target}"."{table}" OVERRIDING SYSTEM VALUE '  # noqa: S608
                f'SELECT * FROM "{source}"."{table}"'
            )
        # Primary and unique keys before foreign keys, which need them.
        for table, name, _kind, definition in constraints:
            reference = _REFERENCE.search(definition)
            if reference and not keeps(
                reference.group("schema") or get_public_schema_name(), reference.group("table")
            ):
                continue
            definition = _REFERENCE.sub(lambda m: _requalify(m, source, target), definition)
            statements.append(
                f'ALTER TABLE "{target}"."{table}" ADD CONSTRAINT "{name}" {definition}'
            )
        for definition in indexes:
            statements.append(definition.replace(f" ON {source}.", f' ON "{target}".', 1))
        for table, column, source_sequence in identities:
            target_table = sql.Literal(f'"{target}"."{table}"').as_string()
            statements.append(
                f"SELECT setval(pg_get_serial_sequence({target_table}, "  # noqa: S608
                f"{sql.Literal(column).as_string()}), last_value, is_called) "
                f"FROM {source_sequence}"
            )
        # One round trip for the several hundred statements: a third quicker than one
        # each, measured (bench/scale.py).
        cursor.execute(";\n".join(statements))


# The template's definitions, read once per process and again only when its catalogue
# changes: a migration (which also renames in place), or DDL that adds or drops an
# object. Reading them is a tenth of a clone.
_DEFINITIONS: dict[str, tuple] = {}


def _definitions(cursor, source: str) -> tuple:
    # `source` is a validated schema name.
    cursor.execute(
        "SELECT (SELECT count(*) || ':' || max(oid::int8) FROM pg_class "  # noqa: S608
        "        WHERE relnamespace = n.oid), "
        "(SELECT count(*) || ':' || max(oid::int8) FROM pg_constraint "
        " WHERE connamespace = n.oid), "
        f'(SELECT max(id) FROM "{source}".django_migrations) '
        "FROM pg_namespace n WHERE n.nspname = %s",
        [source],
    )
    fingerprint = cursor.fetchone()
    cached = _DEFINITIONS.get(source)
    if cached and cached[0] == fingerprint:
        return cached[1]
    tables = _fetch_column(
        cursor,
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind = 'r' ORDER BY c.relname",
        [source],
    )
    constraints = _fetch(
        cursor,
        "SELECT c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid) "
        "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND k.contype IN ('p', 'u', 'f') "
        "ORDER BY k.contype DESC, c.relname, k.conname",
        [source],
    )
    indexes = _fetch_column(
        cursor,
        "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
        "ORDER BY 1",
        [source],
    )
    identities = _fetch(
        cursor,
        "SELECT c.relname, a.attname, "
        "pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), "
        "a.attname) FROM pg_attribute a "
        "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND a.attidentity <> '' AND c.relkind = 'r'",
        [source],
    )
    definitions = (tables, constraints, indexes, identities)
    _DEFINITIONS[source] = (fingerprint, definitions)
    return definitions


def _requalify(match, source: str, target: str) -> str:
    schema = match.group("schema")
    if schema == source:
        schema = f'"{target}"'
    elif schema is None:
        schema = get_public_schema_name()
    return f"REFERENCES {schema}.{match.group('table')}("


def _fetch(cursor, sql, params):
    cursor.execute(sql, params)
    return cursor.fetchall()


def _fetch_column(cursor, sql, params):
    return [row[0] for row in _fetch(cursor, sql, params)]
