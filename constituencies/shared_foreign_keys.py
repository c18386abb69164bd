"""A constituency's schema keeps no foreign key into the shared (public) tables.

Each foreign key from a table in a constituency's schema to a shared table puts two
triggers on the shared table. Wagtail's tables hold 41 such keys per schema (to users,
content types, groups and permissions), so all of Great Britain's constituencies would
put about 50,000 triggers on four shared tables: adding each new schema's keys rebuilds
ever longer trigger lists, every process that reads one of those tables reloads them,
and deleting a user locks its referencing tables in every schema at once, more locks
than PostgreSQL holds.

What the keys guarded is kept another way. Migrations make content types and
permissions, and nothing deletes them while a schema uses them; a constituency's role
groups are deleted only after its schema; a deleted user's id is cleared from every
schema afterwards, as the keys' `on_delete` says (`accounts.deleted_accounts`).
Citus's schema-based sharding, which places a constituency's schema on a node of its
own, wants exactly this: no key from a distributed schema into another.
"""

from django.db import connection
from django_tenants.utils import get_public_schema_name

KEPT_SHARED_TABLES: frozenset[str] = frozenset()


def keeps(referenced_schema: str, referenced_table: str) -> bool:
    """Whether a constituency schema keeps a foreign key to this table."""
    return referenced_schema != get_public_schema_name() or referenced_table in KEPT_SHARED_TABLES


def drop_shared_foreign_keys(schema_name: str) -> int:
    """Drop the foreign keys from `schema_name`'s tables to shared tables it does not
    keep (migrations make them, in the template and in a schema a release migrates);
    returns how many. The shared schema's own keys are left alone."""
    public = get_public_schema_name()
    if schema_name == public:
        return 0
    with connection.cursor() as cursor:
        # Found through the triggers on the shared tables (pg_trigger is indexed by
        # table), not by scanning every schema's constraints, which grow with schemas.
        cursor.execute(
            "SELECT DISTINCT c.relname, k.conname, rc.relname FROM pg_trigger t "
            "JOIN pg_constraint k ON k.oid = t.tgconstraint "
            "JOIN pg_class c ON c.oid = k.conrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_class rc ON rc.oid = k.confrelid "
            "WHERE t.tgrelid IN (SELECT s.oid FROM pg_class s "
            "  JOIN pg_namespace sn ON sn.oid = s.relnamespace "
            "  WHERE sn.nspname = %s AND s.relkind = 'r' AND NOT s.relname = ANY(%s)) "
            "AND k.contype = 'f' AND n.nspname = %s",
            [public, sorted(KEPT_SHARED_TABLES), schema_name],
        )
        dropped = [(table, name) for table, name, _referenced in cursor.fetchall()]
        for table, name in dropped:
            # Names read from the catalogue of a validated schema, never user input.
            cursor.execute(f'ALTER TABLE "{schema_name}"."{table}" DROP CONSTRAINT "{name}"')
    return len(dropped)
