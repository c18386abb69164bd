"""The rules that keep every constituency's schema a self-contained unit, checked against
the live catalogue of the test database (the template and both shared constituencies)
and the app registry.

Two things depend on them (docs/scaling.md):

- *Citus schema-based sharding*, the way past one database primary: each constituency's
  schema moves whole to a worker node, the shared schema stays on the coordinator and
  the shared tables tenant queries join to become reference tables, copied to every
  node. Citus refuses a foreign key into a distributed schema from anywhere else, and
  one out of it to anything but its own schema or a reference table
  (`citus_schema_distribute`, "foreign keys from distributed schemas can only point to
  the same distributed schema or reference tables in regular schemas"), and a query
  that joins two constituencies' tables would run across nodes.
- *The schema cloner* (`constituencies.schema_clone`), which provisions a constituency
  by copying the template's tables, indexes, constraints and identity sequences, and
  nothing else: anything else in the template would silently be missing from every new
  constituency.
"""

from collections import defaultdict

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string
from django_tenants.utils import get_public_schema_name

from constituencies.models import Constituency
from constituencies.shared_foreign_keys import KEPT_SHARED_TABLES

CITUS = (
    "Under Citus schema-based sharding each constituency's schema lives whole on one worker node"
)
CLONER = (
    "constituencies.schema_clone copies only tables, indexes, primary, unique, foreign-key "
    "and check constraints and identity sequences, so every constituency provisioned from "
    "the template would be without it"
)

# The shared models that models living in a constituency's schema may name: Wagtail's
# own tables point at users, content types, groups and permissions. A query joining a
# constituency's table to one of these is the one cross-schema join allowed: under Citus
# they become reference tables, copied to every node, so the join stays on the node
# holding the constituency. A foreign key *constraint* into the shared schema is kept
# only for KEPT_SHARED_TABLES, a subset of these (constituencies.shared_foreign_keys).
# An event names the national campaign it is part of: a small, read-mostly table of
# central staff's, a reference table under Citus like the others, and named without a
# constraint (db_constraint=False).
SHARED_MODELS_CONSTITUENCY_MODELS_MAY_NAME = frozenset(
    {
        "accounts.User",
        "contenttypes.ContentType",
        "auth.Group",
        "auth.Permission",
        "campaigns.NationalCampaign",
    }
)


@pytest.fixture
def schemas(clp_a, clp_b):
    """Every schema that holds a constituency's tables: the template and each site."""
    names = sorted(
        Constituency.objects.exclude(kind=Constituency.Kind.HUB).values_list(
            "schema_name", flat=True
        )
    )
    assert {clp_a.schema_name, clp_b.schema_name, settings.TENANT_BASE_SCHEMA} <= set(names)
    return names


def _rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _foreign_keys():
    """(schema, table, constraint, referenced schema, referenced table) for every
    foreign key in the database."""
    return _rows(
        "SELECT n.nspname, c.relname, k.conname, rn.nspname, rc.relname FROM pg_constraint k "
        "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_class rc ON rc.oid = k.confrelid "
        "JOIN pg_namespace rn ON rn.oid = rc.relnamespace WHERE k.contype = 'f'"
    )


def _failure(rule: str, why: str, broken: list[str]) -> str:
    return f"{rule}. {why}.\n" + "\n".join(f"  {item}" for item in sorted(broken))


# --- foreign keys --------------------------------------------------------------------------


def test_no_foreign_key_leads_from_one_constituency_to_another(schemas):
    broken = [
        f"{schema}.{table} ({name}) -> {to_schema}.{to_table}"
        for schema, table, name, to_schema, to_table in _foreign_keys()
        if schema in schemas and to_schema in schemas and to_schema != schema
    ]
    assert not broken, _failure(
        "A constituency's tables have foreign keys into another constituency's schema",
        f"{CITUS}, possibly another than this one's, and Citus refuses foreign keys across "
        "distributed schemas; nothing of one constituency may depend on another's",
        broken,
    )


def test_a_constituencys_foreign_keys_into_the_shared_schema_are_only_the_kept_ones(schemas):
    public = get_public_schema_name()
    broken = [
        f"{schema}.{table} ({name}) -> {to_schema}.{to_table}"
        for schema, table, name, to_schema, to_table in _foreign_keys()
        if schema in schemas
        and to_schema != schema
        and not (to_schema == public and to_table in KEPT_SHARED_TABLES)
        and to_schema not in schemas  # the test above reports those
    ]
    assert not broken, _failure(
        "A constituency's tables have foreign keys into the shared schema beyond "
        f"constituencies.shared_foreign_keys.KEPT_SHARED_TABLES ({sorted(KEPT_SHARED_TABLES)})",
        f"{CITUS}, and Citus accepts a key out of it only to a reference table; every such "
        "key also puts two triggers per schema on the shared table, which slowed "
        "provisioning and deleting users as constituencies were added",
        broken,
    )


def test_no_foreign_key_leads_from_the_shared_schema_into_a_constituency(schemas):
    public = get_public_schema_name()
    broken = [
        f"{schema}.{table} ({name}) -> {to_schema}.{to_table}"
        for schema, table, name, to_schema, to_table in _foreign_keys()
        if schema == public and to_schema != public
    ]
    assert not broken, _failure(
        "Shared tables have foreign keys into a constituency's schema",
        f"{CITUS}, and Citus refuses any foreign key into a distributed schema from "
        "another; the shared schema must name a constituency's rows by value, if at all",
        broken,
    )


# --- sequences -----------------------------------------------------------------------------


def test_every_sequence_belongs_to_a_column_of_its_own_schema(schemas):
    sequences = _rows(
        "SELECT n.nspname, s.relname, tn.nspname, t.relname, a.attname "
        "FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace "
        "LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid "
        "  AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
        "LEFT JOIN pg_class t ON t.oid = d.refobjid "
        "LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace "
        "LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
        "WHERE s.relkind = 'S' AND n.nspname = ANY(%s)",
        [schemas],
    )
    broken = [
        f"{schema}.{sequence} is "
        + (f"owned by {owner_schema}.{table}.{column}" if table else "owned by no column")
        for schema, sequence, owner_schema, table, column in sequences
        if owner_schema != schema
    ]
    assert len(sequences) > 3 * 20
    assert not broken, _failure(
        "A sequence in a constituency's schema is not owned by a column of that schema",
        f"{CITUS}; Citus takes a sequence along as a dependency of the table whose column "
        "owns it, so a free-standing one, or one owned from another schema, ties this "
        "schema's inserts to something that does not move with it (and the cloner copies "
        "only identity columns' sequences)",
        broken,
    )


def test_no_column_default_draws_on_a_sequence_in_another_schema(schemas):
    defaults = _rows(
        "SELECT n.nspname, c.relname, a.attname, sn.nspname, s.relname FROM pg_attrdef ad "
        "JOIN pg_class c ON c.oid = ad.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum "
        "JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid "
        "  AND d.refclassid = 'pg_class'::regclass "
        "JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S' "
        "JOIN pg_namespace sn ON sn.oid = s.relnamespace WHERE sn.nspname <> n.nspname"
    )
    broken = [
        f"{schema}.{table}.{column} defaults to nextval of {seq_schema}.{sequence}"
        for schema, table, column, seq_schema, sequence in defaults
    ]
    assert not broken, _failure(
        "A column's default takes its value from a sequence in another schema",
        "Every insert would reach into that schema, which under Citus schema-based sharding "
        "may be on another node; and a clone made with CREATE TABLE ... LIKE keeps such a "
        "default, so a new constituency's rows would be numbered from the template's sequence",
        broken,
    )


# --- what the cloner copies --------------------------------------------------------------

# Each query lists, by schema, objects of one kind that the cloner does not copy.
NOT_COPIED = {
    "views, materialized views and other relations than tables, indexes and sequences": (
        "SELECT n.nspname, c.relname || ' (relkind ' || c.relkind::text || ')' FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = ANY(%s) AND c.relkind NOT IN ('r', 'i', 'S')"
    ),
    "functions, procedures and aggregates": (
        "SELECT n.nspname, p.proname || ' (prokind ' || p.prokind::text || ')' FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY(%s)"
    ),
    "triggers other than those PostgreSQL makes for foreign keys": (
        "SELECT n.nspname, c.relname || ': ' || t.tgname FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_constraint k ON k.oid = t.tgconstraint WHERE n.nspname = ANY(%s) "
        "AND NOT (t.tgisinternal AND k.contype IS NOT DISTINCT FROM 'f')"
    ),
    # A table's row type and its array type come with the table.
    "types (enums, domains, ranges, composite and base types)": (
        "SELECT n.nspname, t.typname || ' (typtype ' || t.typtype::text || ')' FROM pg_type t "
        "JOIN pg_namespace n ON n.oid = t.typnamespace "
        "LEFT JOIN pg_class r ON r.oid = t.typrelid "
        "LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A' "
        "LEFT JOIN pg_class er ON er.oid = e.typrelid WHERE n.nspname = ANY(%s) "
        "AND r.relkind IS DISTINCT FROM 'r' AND er.relkind IS DISTINCT FROM 'r'"
    ),
    # The cloner sets each identity column's sequence; a serial column's default would
    # go on calling the template's sequence, and a free-standing one is not made at all.
    "sequences that are not identity columns' (serial or free-standing)": (
        "SELECT n.nspname, s.relname FROM pg_class s "
        "JOIN pg_namespace n ON n.oid = s.relnamespace WHERE n.nspname = ANY(%s) "
        "AND s.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_depend d "
        "  WHERE d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.deptype = 'i')"
    ),
    "constraints other than primary, unique, foreign-key, check and not-null": (
        "SELECT n.nspname, c.relname || ': ' || k.conname || ' (contype ' "
        "|| k.contype::text || ')' FROM pg_constraint k "
        "JOIN pg_namespace n ON n.oid = k.connamespace LEFT JOIN pg_class c ON c.oid = k.conrelid "
        "WHERE n.nspname = ANY(%s) AND k.contype NOT IN ('p', 'u', 'f', 'c', 'n')"
    ),
    "rules": (
        "SELECT n.nspname, c.relname || ': ' || r.rulename FROM pg_rewrite r "
        "JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = ANY(%s)"
    ),
    "row-level security (policies, or a table with it enabled)": (
        "SELECT n.nspname, c.relname FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(%s) "
        "AND (c.relrowsecurity OR EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))"
    ),
    "table inheritance and partitions": (
        "SELECT n.nspname, c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(%s)"
    ),
    "tables' storage parameters (WITH (fillfactor = ...) and the like)": (
        "SELECT n.nspname, c.relname || ' ' || array_to_string(c.reloptions, ',') "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = ANY(%s) AND c.relkind = 'r' AND c.reloptions IS NOT NULL"
    ),
    "extended statistics": (
        "SELECT n.nspname, s.stxname FROM pg_statistic_ext s "
        "JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname = ANY(%s)"
    ),
    "collations, text search configurations and dictionaries, operators": (
        "SELECT n.nspname, 'collation ' || o.collname FROM pg_collation o "
        "JOIN pg_namespace n ON n.oid = o.collnamespace WHERE n.nspname = ANY(%s) "
        "UNION ALL SELECT n.nspname, 'text search configuration ' || o.cfgname "
        "FROM pg_ts_config o JOIN pg_namespace n ON n.oid = o.cfgnamespace "
        "WHERE n.nspname = ANY(%s) "
        "UNION ALL SELECT n.nspname, 'text search dictionary ' || o.dictname "
        "FROM pg_ts_dict o JOIN pg_namespace n ON n.oid = o.dictnamespace "
        "WHERE n.nspname = ANY(%s) "
        "UNION ALL SELECT n.nspname, 'operator ' || o.oprname FROM pg_operator o "
        "JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname = ANY(%s)"
    ),
}


@pytest.mark.parametrize("what", list(NOT_COPIED))
def test_the_template_and_every_constituency_hold_nothing_the_cloner_would_miss(schemas, what):
    sql = NOT_COPIED[what]
    found = _rows(sql, [schemas] * sql.count("%s"))
    broken = [f"{schema}: {name}" for schema, name in found]
    assert not broken, _failure(
        f"The template or a constituency's schema holds {what}",
        f"{CLONER} (and django-tenants' own clone_schema is not used: it slowed as schemas "
        "accumulated); teach the cloner to copy it, with a test in test_schema_clone.py, "
        "before a migration adds it",
        broken,
    )


def test_the_inventory_sees_what_it_looks_for(clp_a):
    """Each query finds its kind of object when there is one, so an empty answer above
    means there is none, not a query that can find nothing."""
    schema = clp_a.schema_name
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        for statement in (
            f'CREATE VIEW "{schema}".v AS SELECT 1 AS one',
            f'CREATE FUNCTION "{schema}".f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
            f'CREATE FUNCTION "{schema}".t() RETURNS trigger LANGUAGE plpgsql '
            "AS $$ BEGIN RETURN NEW; END $$",
            f'CREATE TRIGGER tr BEFORE INSERT ON "{schema}".wagtailcore_locale '
            f'FOR EACH ROW EXECUTE FUNCTION "{schema}".t()',
            f"CREATE TYPE \"{schema}\".e AS ENUM ('a')",
            f'CREATE SEQUENCE "{schema}".free',
            f'CREATE TABLE "{schema}".serial_one (id serial, during tstzrange, '
            "EXCLUDE USING gist (during WITH &&)) WITH (fillfactor = 70)",
            f'CREATE RULE r AS ON UPDATE TO "{schema}".serial_one DO INSTEAD NOTHING',
            f'ALTER TABLE "{schema}".serial_one ENABLE ROW LEVEL SECURITY',
            f'CREATE TABLE "{schema}".child () INHERITS ("{schema}".serial_one)',
            f'CREATE STATISTICS "{schema}".st ON id, during FROM "{schema}".serial_one',
            f'CREATE COLLATION "{schema}".c FROM "C"',
        ):
            cursor.execute(statement)
    found = {
        what: {name for _, name in _rows(sql, [[schema]] * sql.count("%s"))}
        for what, sql in NOT_COPIED.items()
    }
    assert all(found.values()), [what for what, names in found.items() if not names]


# --- the ORM: which models may point at which ---------------------------------------------


def _app_names(entries) -> set[str]:
    """The app names of settings entries, some of which name an AppConfig class
    ("accounts.apps.UsersAdminConfig" is wagtail.users)."""
    names = set()
    for entry in entries:
        imported = import_string(entry) if entry.rsplit(".", 1)[-1][:1].isupper() else None
        names.add(imported.name if imported else entry)
    return names


def _where_tables_live(model) -> str:
    name = model._meta.app_config.name
    shared = name in _app_names(settings.SHARED_APPS)
    tenant = name in _app_names(settings.TENANT_APPS)
    return {(True, True): "both", (True, False): "shared", (False, True): "constituency"}[
        (shared, tenant)
    ]


def _relations():
    """(model, field, target) for every foreign key, one-to-one and many-to-many each
    model declares itself (many-to-many through tables included)."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.local_fields + model._meta.local_many_to_many:
            if field.is_relation and field.related_model is not None:
                yield model, field, field.related_model


def test_models_in_a_constituencys_schema_point_only_into_it_or_at_the_allowed_shared_models():
    """The ORM side of "no cross-schema joins outside the shared tables": a model whose
    table is in each constituency's schema (a constituency-only app, or an app in both
    lists) relates only to models whose tables are in that schema too, or to the shared
    models it may name."""
    broken = defaultdict(set)
    for model, field, target in _relations():
        if _where_tables_live(model) == "shared":
            continue
        if _where_tables_live(target) != "shared":
            continue  # its table is in the same constituency's schema
        if target._meta.label not in SHARED_MODELS_CONSTITUENCY_MODELS_MAY_NAME:
            broken[target._meta.label].add(f"{model._meta.label}.{field.name}")
    assert not broken, _failure(
        "Models whose tables are in each constituency's schema relate to shared models "
        f"beyond {sorted(SHARED_MODELS_CONSTITUENCY_MODELS_MAY_NAME)}",
        f"{CITUS}; a query joining it to a shared table stays on that node only if the "
        "shared table is a reference table, copied to every node, and only these are",
        [f"{target} <- {', '.join(sorted(fields))}" for target, fields in broken.items()],
    )


def test_models_in_the_shared_schema_never_point_at_a_constituencys_models():
    """Shared models, and the models of apps in both lists (whose tables are in the
    shared schema too), never relate to a model whose table is only in constituencies'
    schemas."""
    broken = [
        f"{model._meta.label}.{field.name} -> {target._meta.label}"
        for model, field, target in _relations()
        if _where_tables_live(model) in ("shared", "both")
        and _where_tables_live(target) == "constituency"
    ]
    assert not broken, _failure(
        "Models whose tables are in the shared schema relate to models whose tables exist "
        "only in constituencies' schemas",
        "In the shared schema such a table does not exist, so the key cannot point at any "
        f"constituency's row; and {CITUS}, where Citus refuses keys into it from the shared "
        "schema",
        broken,
    )


def test_the_kept_foreign_keys_are_to_shared_models_constituencies_may_name():
    named = {
        apps.get_model(label)._meta.db_table for label in SHARED_MODELS_CONSTITUENCY_MODELS_MAY_NAME
    }
    assert named >= KEPT_SHARED_TABLES
