"""Which constituency (or the hub) a host name serves, kept in the cache.

django-tenants looks the host up in the database on every request, and each page then
asked for the constituency's domains again to build absolute links. Both are kept here
for a few minutes, and forgotten as soon as a constituency or one of its domains
changes (`constituencies.receivers`), so suspending a site takes effect at once.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import prefetch_related_objects
from django_tenants.middleware.main import TenantMainMiddleware
from django_tenants.utils import schema_context

from .models import Constituency

LOOKUP_SECONDS = 5 * 60


def _key(hostname: str) -> str:
    return f"tenant-for-host:{hostname}"


def forget_hosts(hosts) -> None:
    """Look these host names up afresh from now on, and again once the current
    transaction commits (so no request caches the old row in between)."""
    keys = [_key(host) for host in hosts]
    if not keys:
        return

    def forget():
        # Keys are made in the public schema, where the lookup runs.
        with schema_context("public"):
            cache.delete_many(keys)

    forget()
    transaction.on_commit(forget)


class TenantMiddleware(TenantMainMiddleware):
    """django-tenants' TenantMainMiddleware, with the lookup kept in the cache."""

    def get_tenant(self, domain_model, hostname):
        key = _key(hostname)
        tenant = cache.get(key)
        if isinstance(tenant, Constituency):
            return tenant
        tenant = super().get_tenant(domain_model, hostname)
        prefetch_related_objects([tenant], "domains")
        cache.set(key, tenant, LOOKUP_SECONDS)
        return tenant
