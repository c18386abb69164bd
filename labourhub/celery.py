"""The Celery app. Tasks carry the schema they were sent from (tenant-schemas-celery
adds it to the message headers and switches to it in the worker)."""

import logging
import os

from django.db import connection, transaction
from tenant_schemas_celery.app import CeleryApp
from tenant_schemas_celery.task import TenantTask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labourhub.settings.dev")


class SentWithoutConstituency(RuntimeError):
    """A constituency task reached a worker without a constituency schema."""


class ConstituencyTask(TenantTask):
    """Base for tasks that act on one constituency's site.

    Such a task must be sent while that constituency's schema is active. Sent from
    the public schema (or with no schema header at all) it would silently read and
    write the hub's tables, so it refuses to run instead.
    """

    abstract = True

    def __call__(self, *args, **kwargs):
        from django_tenants.utils import get_public_schema_name

        if connection.schema_name == get_public_schema_name():
            raise SentWithoutConstituency(
                f"{self.name} acts on one constituency but was sent without one."
            )
        return super().__call__(*args, **kwargs)


logger = logging.getLogger(__name__)


def enqueue_after_commit(task, *args, **kwargs) -> None:
    """Send `task` once the current transaction commits, from the schema active now.

    The row a task works on is stored first, so if the broker is down the send is only
    logged: the periodic sweep of unsent work (see each app's tasks) sends it later.
    """
    schema_name = connection.schema_name

    def send():
        from django_tenants.utils import schema_context

        try:
            with schema_context(schema_name):
                task.apply_async(args=args, kwargs=kwargs)
        except Exception:  # noqa: BLE001 - the broker being down must not fail the request
            logger.warning("could not queue %s; the sweep will retry", task.name, exc_info=True)

    transaction.on_commit(send)


app = CeleryApp("labourhub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
