"""A constituency schema's rows, table by table, as PostgreSQL COPY text: written out
through psycopg's COPY support (no pg_dump, whose version would have to match the
server's) and read back into a schema of the same migration state.

Tables in a constituency's schema refer to shared rows (users, content types, groups,
permissions, national campaigns) by id, with no foreign keys to rely on. Which columns
do is read from the Django models of the tenant apps, and `remap` rewrites them through
an id map after loading.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .archive import BackupError

MIGRATIONS_TABLE = "django_migrations"

# The shared models a constituency's tables may refer to, and what the archive calls them.
REFERENCE_KINDS = {
    settings.AUTH_USER_MODEL.lower(): "user",
    "contenttypes.contenttype": "content_type",
    "auth.group": "group",
    "auth.permission": "permission",
    "campaigns.nationalcampaign": "campaign",
}


@dataclass(frozen=True)
class ReferenceColumn:
    """A column of a constituency's table holding the id of a shared row."""

    table: str
    column: str
    kind: str
    nullable: bool


def reference_columns() -> list[ReferenceColumn]:
    """Every column of the tenant apps' tables that holds a shared row's id. Raises
    ImproperlyConfigured for a reference to a shared model a backup cannot carry."""
    tenant_labels = {c.label for c in apps.get_app_configs() if c.name in settings.TENANT_APPS}
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in tenant_labels or not model._meta.managed:
            continue
        for field in model._meta.local_concrete_fields:
            if not field.is_relation or field.related_model._meta.app_label in tenant_labels:
                continue
            label = field.related_model._meta.label_lower
            if label not in REFERENCE_KINDS:
                raise ImproperlyConfigured(
                    f"{model._meta.label}.{field.name} refers to {label}, a shared model "
                    "that a constituency backup cannot map to another database."
                )
            kind = REFERENCE_KINDS[label]
            found.append(ReferenceColumn(model._meta.db_table, field.column, kind, field.null))
    return sorted(found, key=lambda c: (c.table, c.column))


def schema_tables(schema: str) -> dict[str, list[str]]:
    """The tables of `schema` (less django_migrations) and their columns, in order,
    less generated ones (COPY neither writes nor reads those)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, a.attname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid "
            "WHERE n.nspname = %s AND c.relkind = 'r' AND a.attnum > 0 "
            "AND NOT a.attisdropped AND a.attgenerated = '' "
            "ORDER BY c.relname, a.attnum",
            [schema],
        )
        tables: dict[str, list[str]] = {}
        for table, column in cursor.fetchall():
            tables.setdefault(table, []).append(column)
    tables.pop(MIGRATIONS_TABLE, None)
    return tables


def applied_migrations(schema: str) -> list[list[str]]:
    """The migrations recorded as applied in `schema`, as [app, name] pairs."""
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT app, name FROM "{schema}"."{MIGRATIONS_TABLE}" ORDER BY app, name'  # noqa: S608
        )
        return [list(row) for row in cursor.fetchall()]


def sequences(schema: str) -> dict[str, dict[str, list]]:
    """{table: {column: [last_value, is_called]}} for every sequence owned by a column."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.relname, a.attname, s.relname FROM pg_class s "
            "JOIN pg_namespace n ON n.oid = s.relnamespace "
            "JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass "
            "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
            "JOIN pg_class t ON t.oid = d.refobjid "
            "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
            "WHERE n.nspname = %s AND s.relkind = 'S'",
            [schema],
        )
        owned = cursor.fetchall()
        found: dict[str, dict[str, list]] = {}
        for table, column, sequence in owned:
            # Names read from the catalogue of a validated schema, never user input.
            cursor.execute(f'SELECT last_value, is_called FROM "{schema}"."{sequence}"')  # noqa: S608
            last_value, is_called = cursor.fetchone()
            found.setdefault(table, {})[column] = [last_value, is_called]
    return found


def copy_out(schema: str, table: str, columns: list[str]) -> Iterator[bytes]:
    """The rows of one table as COPY text."""
    statement = f"COPY {_qualified(schema, table)} ({_columns(columns)}) TO STDOUT"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for data in copy:
            yield bytes(data)


def referenced_ids(schema: str, columns: list[ReferenceColumn]) -> dict[str, set[int]]:
    """{kind: ids} of the shared rows the schema's tables refer to."""
    found: dict[str, set[int]] = {}
    present = schema_tables(schema)
    with connection.cursor() as cursor:
        for column in columns:
            if column.column not in present.get(column.table, ()):
                continue
            cursor.execute(
                f'SELECT DISTINCT "{column.column}" FROM {_qualified(schema, column.table)} '  # noqa: S608
                f'WHERE "{column.column}" IS NOT NULL'
            )
            found.setdefault(column.kind, set()).update(row[0] for row in cursor.fetchall())
    return found


def load(schema: str, tables: list[dict], member_path: Callable[[str], Path]) -> int:
    """Replace every row of `schema`'s tables with the archive's (`tables`, as the
    manifest lists them; `member_path(name)` is where a member was unpacked). Runs in the caller's
    transaction, with foreign keys checked at its end. Returns the rows loaded."""
    with connection.cursor() as cursor:
        # TRUNCATE refuses a table with foreign-key checks still pending (rows provisioning
        # just made): make them now, then defer the checks of what is loaded.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        names = [entry["name"] for entry in tables]
        if names:
            cursor.execute(f"TRUNCATE {', '.join(_qualified(schema, n) for n in names)}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        rows = 0
        for entry in tables:
            table = _qualified(schema, entry["name"])
            statement = f"COPY {table} ({_columns(entry['columns'])}) FROM STDIN"
            with cursor.copy(statement) as copy, open(member_path(entry["file"]), "rb") as handle:
                while chunk := handle.read(1024 * 1024):
                    copy.write(chunk)
            rows += entry["rows"]
            for column, (last_value, is_called) in entry.get("sequences", {}).items():
                if column not in entry["columns"]:
                    raise BackupError(f"The archive's {entry['name']} has no column {column!r}.")
                # The archive's sequence value, or past the highest id if that is higher.
                cursor.execute(
                    f'SELECT setval(pg_get_serial_sequence(%s, %s), GREATEST(%s, MAX("{column}")), '  # noqa: S608
                    f'CASE WHEN MAX("{column}") > %s THEN true ELSE %s END) FROM {table}',
                    [table, column, last_value, last_value, is_called],
                )
    return rows


def remap(schema: str, columns: list[ReferenceColumn], id_map: dict[str, dict[int, int]]) -> dict:
    """Rewrite the shared ids in `schema`'s tables through `id_map` ({kind: {old: new}}).
    An id the map lacks becomes NULL where the column allows it, or its row is deleted.
    Returns {"table.column": (nulled, deleted)} for the columns where either happened."""
    present = schema_tables(schema)
    dropped = {}
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS pg_temp.backup_id_map")
        cursor.execute("CREATE TEMPORARY TABLE backup_id_map (kind text, old bigint, new bigint)")
        cursor.executemany(
            "INSERT INTO pg_temp.backup_id_map VALUES (%s, %s, %s)",
            [(kind, old, new) for kind, ids in id_map.items() for old, new in ids.items()],
        )
        cursor.execute("CREATE INDEX ON pg_temp.backup_id_map (kind, old)")
        for ref in columns:
            if ref.column not in present.get(ref.table, ()):
                continue
            table, column = _qualified(schema, ref.table), f'"{ref.column}"'
            # Identifiers read from the catalogue and the models, never user input.
            unmapped = (
                f"{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_temp.backup_id_map m "  # noqa: S608
                f"WHERE m.kind = %s AND m.old = {table}.{column})"
            )
            if ref.nullable:
                cursor.execute(f"UPDATE {table} SET {column} = NULL WHERE {unmapped}", [ref.kind])  # noqa: S608
            else:
                cursor.execute(f"DELETE FROM {table} WHERE {unmapped}", [ref.kind])  # noqa: S608
            if cursor.rowcount:
                counts = (cursor.rowcount, 0) if ref.nullable else (0, cursor.rowcount)
                dropped[f"{ref.table}.{ref.column}"] = counts
            cursor.execute(
                f"UPDATE {table} AS t SET {column} = m.new FROM pg_temp.backup_id_map m "  # noqa: S608
                f"WHERE m.kind = %s AND t.{column} = m.old AND m.old <> m.new",
                [ref.kind],
            )
        cursor.execute("DROP TABLE pg_temp.backup_id_map")
    return dropped


def check_constraints_now() -> None:
    """Check the deferred foreign keys now, so a broken load fails inside the restore,
    with its message, rather than at commit."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _qualified(schema: str, table: str) -> str:
    return f'"{schema}"."{table}"'


def _columns(columns: list[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)
