"""The template clone is structurally identical to the template, rows included."""

import pytest
from django.db import connection, transaction

from constituencies.schema_clone import SchemaExists, clone_schema

TEMPLATE = "constituency_template"


def _catalogue(schema):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
            "a.attidentity FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped "
            "ORDER BY 1, a.attnum",
            [schema],
        )
        columns = cursor.fetchall()
        cursor.execute(
            "SELECT c.relname, k.conname, k.contype, "
            "replace(pg_get_constraintdef(k.oid), %s, '') FROM pg_constraint k "
            "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s ORDER BY 1, 2",
            [f"{schema}.", schema],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'i' ORDER BY 1",
            [schema],
        )
        indexes = [row[0] for row in cursor.fetchall()]
    return columns, constraints, indexes


def _rows(schema, table):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{schema}"."{table}"')  # noqa: S608
        return cursor.fetchone()[0]


def test_the_clone_matches_the_template_in_every_table_constraint_and_index(db):
    clone_schema(TEMPLATE, "clone_check")
    template, clone = _catalogue(TEMPLATE), _catalogue("clone_check")
    assert clone[0] == template[0]  # columns, types, nullability, identity
    assert clone[1] == template[1]  # constraint names and definitions
    assert clone[2] == template[2]  # index names
    assert len(template[2]) > 100
    for table in (
        "wagtailcore_page",
        "wagtailcore_site",
        "wagtailcore_locale",
        "django_migrations",
    ):  # noqa: E501
        assert _rows("clone_check", table) == _rows(TEMPLATE, table) > 0


def test_foreign_keys_point_only_inside_the_clone(db):
    clone_schema(TEMPLATE, "clone_check")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT rn.nspname FROM pg_constraint k "
            "JOIN pg_namespace n ON n.oid = k.connamespace "
            "JOIN pg_class r ON r.oid = k.confrelid "
            "JOIN pg_namespace rn ON rn.oid = r.relnamespace "
            "WHERE n.nspname = 'clone_check' AND k.contype = 'f'"
        )
        assert {row[0] for row in cursor.fetchall()} == {"clone_check"}


def test_the_clone_continues_the_templates_sequences(db):
    clone_schema(TEMPLATE, "clone_check")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO clone_check.wagtailcore_locale (language_code) VALUES ('cy') RETURNING id"
        )
        new_id = cursor.fetchone()[0]
        cursor.execute("SELECT max(id) FROM constituency_template.wagtailcore_locale")
        assert new_id == cursor.fetchone()[0] + 1


def test_an_existing_schema_is_never_overwritten(clp_a):
    with pytest.raises(SchemaExists), transaction.atomic():
        clone_schema(TEMPLATE, clp_a.schema_name)


def _indexes_of(schema_name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = %s", [schema_name])
        return {row[0] for row in cursor.fetchall()}


def test_a_change_to_the_template_reaches_the_next_clone(db):
    """The cloner keeps the template's definitions between clones; a migration that
    changes the template must still reach every clone made after it."""
    clone_schema(TEMPLATE, "clone_check")
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX released_index ON {TEMPLATE}.wagtailcore_page (draft_title)"  # noqa: S608
        )
    clone_schema(TEMPLATE, "clone_check_after")
    assert "released_index" not in _indexes_of("clone_check")
    assert "released_index" in _indexes_of("clone_check_after")
