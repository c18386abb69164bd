"""The events index: every upcoming event and activity, filtered by type; and "N going"
on the events whose officers choose to show it."""

import datetime as dt

import pytest
from django.utils import timezone

from constituencies.signups import places
from constituencies.website.models import (
    EVENTS_PER_PAGE,
    ActivityType,
    EventPage,
    GetInvolvedPage,
)
from tests.factories import add_event
from tests.helpers import client_for, html_of, page_of, text_of


def add_activity(title, starts_in_days=5, **fields):
    """Publish an activity (an event under Get involved) in the current schema."""
    starts = timezone.now() + dt.timedelta(days=starts_in_days)
    fields.setdefault("summary", "An activity.")
    page = EventPage(
        title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **fields
    )
    GetInvolvedPage.objects.get(locale__language_code="en-gb").add_child(instance=page)
    return page


def _events(constituency, **params):
    return client_for(constituency).get("/events/", params)


@pytest.fixture
def mixed_events(clp_a, in_schema):
    with in_schema(clp_a):
        add_event("Members' meeting", activity_type=ActivityType.MEETING)
        add_activity("Saturday canvass", activity_type=ActivityType.CANVASSING)
        add_activity("Evening phone bank", activity_type=ActivityType.PHONE_BANK)
        add_event("Old canvass", starts_in_days=-10, activity_type=ActivityType.CANVASSING)


def test_the_index_lists_events_and_activities_and_says_what_type_each_is(clp_a, mixed_events):
    text = text_of(_events(clp_a))
    assert "Members' meeting" in text
    assert "Saturday canvass" in text
    assert "Evening phone bank" in text
    assert "Old canvass" not in text
    assert "Canvassing Saturday canvass" not in text  # the type is above the date, not glued
    html = html_of(_events(clp_a))
    assert '<p class="card__type">Phone bank</p>' in html


def test_it_offers_only_the_types_that_have_upcoming_events(clp_a, mixed_events):
    html = page_of(_events(clp_a))
    assert 'href="?type=canvassing"' in html
    assert 'href="?type=phone_bank"' in html
    assert 'href="?type=meeting"' in html
    assert 'href="?type=social"' not in html  # none planned
    assert '<a href="/events/" aria-current="page">All events</a>' in html


def test_a_type_lists_only_its_events_and_the_title_says_so(clp_a, mixed_events):
    response = _events(clp_a, type="canvassing")
    html = page_of(response)
    assert "Saturday canvass" in html
    assert "Members' meeting" not in html
    assert "Evening phone bank" not in html
    assert "<title>Events: Canvassing" in html
    assert "<h1>Events: Canvassing</h1>" in html
    assert 'href="?type=canvassing" aria-current="page"' in html


def test_a_type_with_nothing_coming_up_says_so(clp_a, mixed_events):
    html = page_of(_events(clp_a, type="social"))
    assert "No social events coming up." in html
    assert "Members' meeting" not in html


@pytest.mark.parametrize("asked", ["parade", "Canvassing", "canvassing'><script>", "x" * 500])
def test_an_unknown_type_is_not_found_and_shows_all_events_with_a_note(clp_a, mixed_events, asked):
    response = _events(clp_a, type=asked)
    assert response.status_code == 404
    text = text_of(response)
    assert "There is no type of event called" in text
    assert "Members' meeting" in text
    assert "Saturday canvass" in text
    assert "<script>" not in response.content.decode()


def test_an_empty_type_is_every_type(clp_a, mixed_events):
    text = text_of(_events(clp_a, type=""))
    assert "Members' meeting" in text
    assert "Saturday canvass" in text


def test_the_filtered_list_paginates_and_keeps_its_filter(clp_a, in_schema):
    with in_schema(clp_a):
        for number in range(EVENTS_PER_PAGE + 2):
            add_activity(
                f"Canvass {number:02d}",
                starts_in_days=number + 1,
                activity_type=ActivityType.CANVASSING,
            )
        add_event("A meeting", activity_type=ActivityType.MEETING)
    first = page_of(_events(clp_a, type="canvassing"))
    assert 'href="?type=canvassing&page=2" rel="next"' in first
    second = page_of(_events(clp_a, type="canvassing", page=2))
    assert "Canvass 21" in second
    assert "A meeting" not in second
    assert "<title>Events: Canvassing (page 2)" in second
    assert 'href="?type=canvassing&page=1" rel="prev"' in second


def test_filtered_lists_are_cached_apart(clp_a, mixed_events):
    visitor = client_for(clp_a)
    assert visitor.get("/events/?type=canvassing").headers["X-Page-Cache"] == "miss"
    assert visitor.get("/events/?type=canvassing").headers["X-Page-Cache"] == "hit"
    phone_banks = visitor.get("/events/?type=phone_bank")
    assert phone_banks.headers["X-Page-Cache"] == "miss"
    assert "Evening phone bank" in phone_banks.content.decode()
    assert "Saturday canvass" not in phone_banks.content.decode()
    assert "X-Page-Cache" not in visitor.get("/events/?type=parade").headers  # a 404


def test_the_filtered_list_is_fresh_until_the_last_event_of_a_type_offered_finishes(
    clp_a, in_schema
):
    with in_schema(clp_a):
        add_activity("Soon social", starts_in_days=1, activity_type=ActivityType.SOCIAL)
        add_activity("Later canvass", starts_in_days=30, activity_type=ActivityType.CANVASSING)
    response = _events(clp_a, type="canvassing")
    # The social's link goes when it finishes (in about a day), though it is not listed.
    max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert max_age <= dt.timedelta(days=1, hours=2).total_seconds()


# --- "N going" ---------------------------------------------------------------------------


def _three_going(event):
    """Three people sign up, and each confirms through the emailed link."""
    for name in ("Ann", "Bob", "Cara"):
        places.confirm(
            places.sign_up(event, name=name, email=f"{name.lower()}@example.org", consent="x")
        )


def test_going_is_shown_only_where_the_officers_chose_to(clp_a, in_schema):
    with in_schema(clp_a):
        shown = add_event("Shown canvass", show_going_count=True)
        hidden = add_event("Hidden canvass")
        _three_going(shown)
        _three_going(hidden)
    assert "3 going" in text_of(client_for(clp_a).get(shown.url))
    assert "3 going" not in text_of(client_for(clp_a).get(hidden.url))
    index = text_of(_events(clp_a))
    assert index.count("3 going") == 1
    assert "Shown canvass An event. 3 going" in index


def test_going_counts_confirmed_people_once_not_waiting_or_cancelled_ones(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Small canvass", capacity=2, show_going_count=True)
        _three_going(event)  # Cara waits
        places.cancel(event.signups.get(name="Bob"))  # Cara moves up
        places.sign_up(event, name="Dan", email="dan@example.org", consent="x")  # waits
    assert "2 going" in text_of(client_for(clp_a).get(event.url))
    assert "2 going" in text_of(_events(clp_a))


def test_the_index_costs_the_same_queries_however_many_events_show_going(
    clp_a, in_schema, django_assert_max_num_queries
):
    with in_schema(clp_a):
        _three_going(add_event("First", show_going_count=True))
    visitor = client_for(clp_a)
    visitor.get("/events/", {"type": "meeting"})  # warms what every page shares
    with django_assert_max_num_queries(30) as one:
        assert visitor.get("/events/", {"type": "meeting", "page": 1}).status_code == 200
    with in_schema(clp_a):
        for number in range(6):
            _three_going(add_event(f"Event {number}", show_going_count=True))
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = text_of(visitor.get("/events/", {"type": "meeting", "page": "01"}))
    assert page.count("3 going") == 7


def test_a_sign_up_retires_the_lists_that_show_how_many_are_going(clp_a, in_schema):
    with in_schema(clp_a):
        hidden = add_event("Hidden")
        shown = add_activity("Shown canvass", show_going_count=True)
        assert hidden.paths_showing_places() == [hidden.url]
        assert sorted(shown.paths_showing_places()) == sorted(
            [shown.url, "/", "/get-involved/", "/events/"]
        )
