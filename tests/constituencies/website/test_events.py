"""The events section: upcoming and past events, an event's page and its calendar."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from constituencies.website.models import (
    EVENTS_PER_PAGE,
    EventPage,
)
from tests.factories import add_event

from .shared import _get


def test_the_events_index_lists_upcoming_events_and_the_archive_past_ones(clp_a, in_schema):
    with in_schema(clp_a):
        add_event("Next week canvass", starts_in_days=7)
        add_event("Last month social", starts_in_days=-30)
    _, upcoming = _get(clp_a, "/events/")
    _, past = _get(clp_a, "/events/past/")
    assert "Next week canvass" in upcoming
    assert "Last month social" not in upcoming
    assert "Last month social" in past
    assert "Next week canvass" not in past


def test_the_events_index_is_paginated_soonest_first(clp_a, in_schema):

    with in_schema(clp_a):
        for number in range(EVENTS_PER_PAGE + 2):
            add_event(f"Canvass {number:02d}", starts_in_days=number + 1)
    _, first = _get(clp_a, "/events/")
    _, second = _get(clp_a, "/events/", data={"page": 2})
    assert "Canvass 00" in first
    assert f"Canvass {EVENTS_PER_PAGE - 1:02d}" in first
    assert f"Canvass {EVENTS_PER_PAGE:02d}" not in first
    assert f"Canvass {EVENTS_PER_PAGE + 1:02d}" in second
    assert "Canvass 00" not in second
    assert "Page 2 of 2" in second
    assert 'rel="next">Later</a>' in first
    assert 'rel="prev">Sooner</a>' in second
    assert "(page 2)" in second
    assert _get(clp_a, "/events/", data={"page": "nonsense"})[0].status_code == 200


def test_an_event_page_shows_when_where_and_how_to_get_there(clp_a, in_schema):
    start = timezone.make_aware(dt.datetime(2026, 12, 5, 10, 0))
    with in_schema(clp_a):
        event = add_event(
            "Street stall",
            venue="Outside the library",
            address="1 High Street",
            postcode="BS5 6AB",
            accessibility_notes="Step-free.",
            capacity=10,
            is_key_event=True,
        )
        EventPage.objects.filter(pk=event.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(hours=3)
        )
    _, html = _get(clp_a, event.url)
    assert "Saturday 5 December 2026, 10am to 1pm" in html
    assert "Outside the library" in html
    assert "BS5 6AB" in html
    assert "Step-free." in html
    assert "https://www.openstreetmap.org/search?query=Outside+the+library%2C+BS5+6AB" in html
    assert "10 of 10 left" in html
    assert "Key event" in html
    assert f'href="{event.url}ics/"' in html
    assert "<iframe" not in html


def test_event_times_are_shown_in_uk_time(clp_a, in_schema):
    summer = dt.datetime(2026, 7, 4, 17, 30, tzinfo=dt.UTC)  # 6:30pm in British Summer Time
    with in_schema(clp_a):
        event = add_event("Summer social")
        EventPage.objects.filter(pk=event.pk).update(
            starts_at=summer, ends_at=summer + dt.timedelta(hours=2)
        )
    _, html = _get(clp_a, event.url)
    assert "Saturday 4 July 2026, 6:30pm to 8:30pm" in html


def test_an_event_downloads_as_a_valid_ics(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Street stall", venue="Library", postcode="BS5 6AB")
    response, body = _get(clp_a, f"{event.url}ics/")
    assert response["Content-Type"].startswith("text/calendar")
    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(body)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Street stall"
    assert str(vevent["UID"]) == f"event-{event.pk}@testford-north.localhost"
    assert vevent["DTSTART"].dt.tzinfo is not None
    assert "Library, BS5 6AB" in str(vevent["LOCATION"])
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_the_site_calendar_feed_lists_upcoming_events_with_stable_uids(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        soon = add_event("Soon", starts_in_days=3)
        add_event("Gone", starts_in_days=-3)
    with in_schema(clp_b):
        add_event("Elsewhere")
    first = Calendar.from_ical(_get(clp_a, "/calendar.ics")[1])
    second = Calendar.from_ical(_get(clp_a, "/calendar.ics")[1])
    summaries = [str(e["SUMMARY"]) for e in first.walk("VEVENT")]
    assert "Soon" in summaries
    assert "Gone" not in summaries
    assert "Elsewhere" not in summaries
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in second.walk("VEVENT")]
    assert f"event-{soon.pk}@testford-north.localhost" in uids
    assert first.walk("VTIMEZONE")


def test_an_event_must_end_after_it_starts_and_have_a_real_postcode(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Stall")
        event.ends_at = event.starts_at - dt.timedelta(hours=1)
        with pytest.raises(ValidationError, match="must end after it starts"):
            event.full_clean()
        event.ends_at = None
        event.postcode = "NOT A CODE"
        with pytest.raises(ValidationError, match="Enter a UK postcode"):
            event.full_clean()
        event.postcode = "bs56ab"
        event.full_clean()
        assert event.postcode == "BS5 6AB"
