"""Pages published and taken down at the times officers set."""

import datetime as dt

from django.utils import timezone
from wagtail.models import Revision

from constituencies.tasks import publish_scheduled_pages, run_for_every_constituency
from constituencies.website.models import (
    NewsPage,
)
from tests.factories import add_news

from .shared import _get


def test_a_page_scheduled_to_go_live_appears_when_its_time_comes(
    clp_a, clp_b, in_schema, django_capture_on_commit_callbacks
):

    with in_schema(clp_a):
        page = add_news("Polling day rota", live=False)
        page.go_live_at = timezone.now() + dt.timedelta(hours=1)
        page.save_revision().publish()  # what "Publish" does with a future "Go live" date
        page.refresh_from_db()
        assert not page.live
    with in_schema(clp_b):
        other = add_news("B's scheduled story", live=False)
        other.go_live_at = timezone.now() + dt.timedelta(days=1)
        other.save_revision().publish()

    assert _get(clp_a, "/news/")[1].count("Polling day rota") == 0
    run_for_every_constituency(publish_scheduled_pages.name)  # nothing is due yet
    with in_schema(clp_a):
        assert not NewsPage.objects.get(pk=page.pk).live
        # An hour later, as far as the schedule is concerned:
        revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
        due = timezone.now() - dt.timedelta(minutes=1)
        revision.approved_go_live_at = due
        revision.content["go_live_at"] = due.isoformat()
        revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        run_for_every_constituency(publish_scheduled_pages.name)

    response, html = _get(clp_a, "/news/")
    assert "Polling day rota" in html  # the listing's cache was cleared too
    with in_schema(clp_b):
        assert not NewsPage.objects.get(title="B's scheduled story").live
