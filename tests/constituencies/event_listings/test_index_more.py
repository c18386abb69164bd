"""The hub's index of events follows what happens to events without an officer in the
room: scheduled publishing and expiry, aliases, and a site's new primary domain."""

import datetime as dt

from django.utils import timezone
from wagtail.models import Revision

from constituencies.event_listings.index import rebuild_index
from constituencies.event_listings.models import EventListing
from constituencies.models import Domain
from constituencies.tasks import publish_scheduled_pages, run_for_every_constituency
from constituencies.website.models import EventPage, GetInvolvedPage
from tests.factories import add_event

from .shared import listed_titles, publish_event


def test_an_event_scheduled_to_go_live_is_listed_when_its_time_comes(
    clp_a, in_schema, django_capture_on_commit_callbacks
):
    with in_schema(clp_a):
        event = add_event("Polling day rota", live=False)
        event.go_live_at = timezone.now() + dt.timedelta(hours=1)
        event.save_revision().publish()  # what "Publish" does with a future "Go live" date
    run_for_every_constituency(publish_scheduled_pages.name)
    assert listed_titles() == []
    with in_schema(clp_a):
        revision = Revision.objects.get(object_id=str(event.pk), approved_go_live_at__isnull=False)
        due = timezone.now() - dt.timedelta(minutes=1)
        revision.approved_go_live_at = due
        revision.content["go_live_at"] = due.isoformat()
        revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        run_for_every_constituency(publish_scheduled_pages.name)
    assert listed_titles() == ["Polling day rota"]


def test_an_expired_event_is_no_longer_listed(clp_a, in_schema):
    with in_schema(clp_a):
        event = publish_event("Offer ends")
        publish_event("Still on")
        EventPage.objects.filter(pk=event.pk).update(
            expire_at=timezone.now() - dt.timedelta(minutes=1)
        )
    run_for_every_constituency(publish_scheduled_pages.name)
    assert listed_titles() == ["Still on"]


def test_an_alias_of_an_event_is_not_listed_twice(clp_a, in_schema):
    with in_schema(clp_a):
        event = publish_event("Shown in two sections")
        alias = event.create_alias(
            parent=GetInvolvedPage.objects.get(locale__language_code="en-gb")
        )
        event = EventPage.objects.get(pk=event.pk)
        event.title = "Shown in two sections, changed"
        event.save_revision().publish()  # Wagtail updates (and republishes) the alias too
        assert EventPage.objects.get(pk=alias.pk).title == "Shown in two sections, changed"
    assert listed_titles() == ["Shown in two sections, changed"]
    rebuild_index(clp_a)
    assert listed_titles() == ["Shown in two sections, changed"]


def test_a_new_primary_domain_relists_the_sites_events_on_it(clp_a, in_schema):
    with in_schema(clp_a):
        event = publish_event("Moving house")
    Domain.objects.filter(tenant=clp_a).update(is_primary=False)
    Domain.objects.create(domain="testfordnorthlabour.example", tenant=clp_a, is_primary=True)
    assert EventListing.objects.get().url == f"http://testfordnorthlabour.example{event.url}"
