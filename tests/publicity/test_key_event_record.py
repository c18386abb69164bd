"""The hub's record of each key event, kept in step with the event's page."""

import datetime as dt

from constituencies.website.models import EventPage, GetInvolvedPage
from tests.factories import add_event
from tests.helpers import client_for

from .shared import kit_url, record_of, register, tick_url


def test_the_hub_keeps_a_record_of_each_published_key_event_in_step(
    clp_a, in_schema, officer_a, items_of
):
    register(clp_a)
    with in_schema(clp_a):
        event = add_event("Meet your candidate", is_key_event=True)
        assert record_of(clp_a, event) is None  # not published through Wagtail yet
        event.save_revision().publish()

    record = record_of(clp_a, event)
    assert record.title == "Meet your candidate"
    assert record.starts_at == event.starts_at
    assert record.path == "/events/meet-your-candidate/"
    assert (record.items_total, record.items_done) == (2, 0)
    assert not record.is_publicised

    for item in items_of(event).values():
        client_for(clp_a, officer_a).post(tick_url(event, item), {"done": "1"})
    record.refresh_from_db()
    assert (record.items_total, record.items_done) == (2, 2)
    assert record.is_publicised

    later = event.starts_at + dt.timedelta(days=1)
    with in_schema(clp_a):
        event = EventPage.objects.get(pk=event.pk)
        event.title = "Meet our candidate"
        event.starts_at, event.ends_at = later, later + dt.timedelta(hours=2)
        event.save_revision().publish()
    record.refresh_from_db()
    assert (record.title, record.starts_at) == ("Meet our candidate", later)

    register(clp_a, "instagram", "@testfordnorthlabour")
    client_for(clp_a, officer_a).get(kit_url(event))
    record.refresh_from_db()
    assert (record.items_total, record.items_done) == (3, 2)

    with in_schema(clp_a):
        EventPage.objects.get(pk=event.pk).move(
            GetInvolvedPage.objects.get(locale__language_code="en-gb"), "last-child"
        )
    record.refresh_from_db()
    assert record.path == "/get-involved/meet-your-candidate/"


def test_an_event_that_stops_being_key_loses_its_record(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Meet your candidate", is_key_event=True)
        event.save_revision().publish()
        assert record_of(clp_a, event)
        event = EventPage.objects.get(pk=event.pk)
        event.is_key_event = False
        event.save_revision().publish()
    assert record_of(clp_a, event) is None


def test_an_unpublished_or_deleted_key_event_loses_its_record(clp_a, in_schema):
    with in_schema(clp_a):
        unpublished = add_event("Unpublished rally", is_key_event=True)
        deleted = add_event("Deleted rally", is_key_event=True)
        for event in (unpublished, deleted):
            event.save_revision().publish()
            assert record_of(clp_a, event)
        EventPage.objects.get(pk=unpublished.pk).unpublish()
        EventPage.objects.get(pk=deleted.pk).delete()
    assert record_of(clp_a, unpublished) is None
    assert record_of(clp_a, deleted) is None


def test_publishing_an_ordinary_event_makes_no_record(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Coffee morning")
        event.save_revision().publish()
    assert record_of(clp_a, event) is None
