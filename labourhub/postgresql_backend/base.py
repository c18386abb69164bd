"""django-tenants' PostgreSQL backend, keeping Django's content-type cache across
schema switches.

django-tenants empties `ContentType.objects`' cache every time a tenant is set (twice
per request), because a content type's id could differ between schemas when
contenttypes is a tenant app. Here it is a shared app only (labourhub/settings/base.py:
one django_content_type table, in the public schema), so ids are the same everywhere
and the cache stays valid: without it, every page view looked up the content type of
each page on its route again.

The cache is ContentTypeManager's private `_cache`; tests/platform/test_postgresql_backend.py
fails if Django or django-tenants change how it is kept or cleared.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django_tenants.postgresql_backend import base as tenants_base

if "django.contrib.contenttypes" in settings.TENANT_APPS:  # pragma: no cover - a guard
    raise RuntimeError("Content types must stay a shared app for this backend to be correct.")


class DatabaseWrapper(tenants_base.DatabaseWrapper):
    def set_tenant(self, tenant, include_public=True):
        kept = dict(ContentType.objects._cache)  # clear_cache() empties it in place
        super().set_tenant(tenant, include_public)
        ContentType.objects._cache.update(kept)
