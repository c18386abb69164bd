"""Which schema is active: the hub's (the public schema) or a constituency's. The lowest
layer asks here, so that it never needs to import the app holding the tenant model."""

from django.db import connection
from django_tenants.utils import get_public_schema_name, get_tenant_model


def on_hub() -> bool:
    """Is the hub's schema (the public one) the active one, rather than a
    constituency's?"""
    return connection.schema_name == get_public_schema_name()


def current_tenant():
    """The tenant whose schema is active. A request sets the real row on the
    connection; `schema_context` (tasks, commands) only sets a stand-in, which is
    looked up here by its schema name."""
    tenant_model = get_tenant_model()
    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, tenant_model):
        return tenant
    return tenant_model.objects.filter(schema_name=connection.schema_name).first()
