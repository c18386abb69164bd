from celery import shared_task
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from labourhub.celery import ConstituencyTask, task_named

from .models import Constituency


@shared_task(ignore_result=False)  # rebuild_search_indexes reads the count
def run_for_every_constituency(task_name: str) -> int:
    """Send the named constituency task once per constituency site, each from its own
    schema so the task carries it. Beat schedules constituency work through this."""
    task = task_named(task_name)
    count = 0
    for constituency in Constituency.objects.sites():
        with constituency:
            task.delay()
        count += 1
    return count


@shared_task(base=ConstituencyTask)
def publish_scheduled_pages() -> str:
    """Publish the constituency's pages whose "go live" time has come and unpublish those
    past their expiry."""
    call_command("publish_scheduled", verbosity=0)
    return connection.schema_name


@shared_task(base=ConstituencyTask, ignore_result=False)
def rebuild_search_index() -> dict:
    """Re-index every page of the constituency the task was sent for (after a restore,
    a bulk edit or a change to what is indexed)."""
    backend = get_search_backend()
    pages = list(Page.objects.specific())
    for page in pages:
        backend.add(page)
    return {"schema": connection.schema_name, "pages": len(pages)}
