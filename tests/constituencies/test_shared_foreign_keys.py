"""A constituency's schema keeps no foreign key to the shared tables (users, content
types, groups, permissions), whose triggers would otherwise pile up, two per key per
schema, as constituencies are provisioned."""

from django.core.management import call_command
from django.db import connection
from django_tenants.migration_executors.base import run_migrations
from django_tenants.signals import schema_migrated
from django_tenants.utils import get_public_schema_name

from constituencies.models import Constituency
from constituencies.shared_foreign_keys import drop_shared_foreign_keys


def _shared_tables_referenced_from(schema_name: str) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rc.relname, count(*) FROM pg_constraint k "
            "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_class rc ON rc.oid = k.confrelid "
            "JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
            "WHERE k.contype = 'f' AND n.nspname = %s AND rn.nspname = %s GROUP BY 1",
            [schema_name, get_public_schema_name()],
        )
        return dict(cursor.fetchall())


def _triggers_on_shared_tables() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_constraint k ON k.oid = t.tgconstraint "
            "JOIN pg_class fc ON fc.oid = k.conrelid "
            "WHERE n.nspname = %s AND fc.relnamespace <> c.relnamespace",
            [get_public_schema_name()],
        )
        return cursor.fetchone()[0]


def test_a_provisioned_constituency_keeps_no_key_to_shared_tables(clp_a, clp_b):
    assert _shared_tables_referenced_from(clp_a.schema_name) == {}
    assert _shared_tables_referenced_from(clp_b.schema_name) == {}
    # Not one trigger on a shared table belongs to a key from another schema.
    assert _triggers_on_shared_tables() == 0


def test_the_template_it_is_cloned_from_keeps_none_either(clp_a):
    template = Constituency.objects.get(kind=Constituency.Kind.TEMPLATE)
    assert _shared_tables_referenced_from(template.schema_name) == {}


def _add_a_key_to_content_types(schema_name):
    with connection.cursor() as cursor:
        cursor.execute(
            f'ALTER TABLE "{schema_name}"."wagtailcore_page" ADD CONSTRAINT '
            '"page_content_type_again" FOREIGN KEY (content_type_id) '
            "REFERENCES public.django_content_type(id)"
        )


def test_a_key_a_migration_adds_is_dropped_once_the_schema_is_migrated(clp_a):
    _add_a_key_to_content_types(clp_a.schema_name)
    assert "django_content_type" in _shared_tables_referenced_from(clp_a.schema_name)

    # What django-tenants sends when it has run a schema's migrations.
    schema_migrated.send(run_migrations, schema_name=clp_a.schema_name)

    assert _shared_tables_referenced_from(clp_a.schema_name) == {}


def test_a_schema_with_nothing_to_migrate_is_not_searched(clp_a):
    """Skipped schemas cost a release nothing: no key can have been added there."""
    _add_a_key_to_content_types(clp_a.schema_name)
    call_command("migrate_schemas", schema_name=clp_a.schema_name, verbosity=0)
    assert "django_content_type" in _shared_tables_referenced_from(clp_a.schema_name)


def test_the_shared_schemas_own_keys_are_left_alone(db):
    before = _shared_tables_referenced_from(get_public_schema_name())
    assert drop_shared_foreign_keys(get_public_schema_name()) == 0
    assert _shared_tables_referenced_from(get_public_schema_name()) == before
    assert "django_content_type" in before
