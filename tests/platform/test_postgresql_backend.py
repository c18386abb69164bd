"""The database backend keeps the content-type cache across schema switches
(labourhub/postgresql_backend)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django_tenants.utils import schema_context

from constituencies.website.models import HomePage


def test_content_types_are_a_shared_app_only():
    assert "django.contrib.contenttypes" in settings.SHARED_APPS
    assert "django.contrib.contenttypes" not in settings.TENANT_APPS


def test_switching_schemas_keeps_the_content_type_cache(clp_a, django_assert_num_queries):
    content_type = ContentType.objects.get_for_model(HomePage)
    with schema_context(clp_a.schema_name), django_assert_num_queries(0):
        assert ContentType.objects.get_for_id(content_type.pk) == content_type
    connection.set_schema_to_public()
    with django_assert_num_queries(0):
        assert ContentType.objects.get_for_id(content_type.pk) == content_type


def test_django_tenants_still_clears_it_and_we_still_restore_it(clp_a):
    """If either library stops keeping the cache in `_cache` (a dict per database), or
    stops clearing it on a schema switch, this backend needs another look."""
    ContentType.objects.get_for_model(HomePage)
    assert isinstance(ContentType.objects._cache, dict)
    assert ContentType.objects._cache[connection.alias]
    ContentType.objects.clear_cache()
    assert ContentType.objects._cache == {}
    assert type(connections["default"]).__module__ == "labourhub.postgresql_backend.base"
