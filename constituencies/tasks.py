from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from labourhub.celery import ConstituencyTask, app


@app.task(base=ConstituencyTask)
def rebuild_search_index() -> dict:
    """Re-index every page of the constituency the task was sent for (after a restore,
    a bulk edit or a change to what is indexed)."""
    backend = get_search_backend()
    pages = list(Page.objects.specific())
    for page in pages:
        backend.add(page)
    return {"schema": connection.schema_name, "pages": len(pages)}


@app.task
def rebuild_every_search_index() -> int:
    """Fan out one `rebuild_search_index` per active constituency, each sent from its
    own schema so the task carries it."""
    from .models import Constituency

    count = 0
    for constituency in Constituency.objects.active():
        with constituency:
            rebuild_search_index.delay()
        count += 1
    return count
