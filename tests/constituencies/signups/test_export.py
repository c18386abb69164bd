"""The sign-ups export officers open in a spreadsheet, and the link from an event to its
own sign-ups."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from constituencies.signups import places
from constituencies.signups.models import EventShift, readable_moment
from constituencies.website.models import EventIndexPage, EventPage
from tests.factories import add_event
from tests.helpers import client_for, html_of

from .shared import ADMIN_SIGNUPS, text


def _rows(response):
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    header, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture
def canvass(clp_a, in_schema):
    """A canvass on Saturday 5 December 2026 at 10:00 UK time, with a full morning
    shift and an afternoon one; and a two-place meeting with two people waiting."""
    start = timezone.make_aware(dt.datetime(2026, 12, 5, 10, 0))
    with in_schema(clp_a):
        event = add_event("Canvass", capacity=None)
        EventPage.objects.filter(pk=event.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(hours=4)
        )
        event.refresh_from_db()
        morning = EventShift.objects.create(
            event=event, starts_at=start, ends_at=start + dt.timedelta(hours=2), capacity=1
        )
        afternoon = EventShift.objects.create(
            event=event,
            starts_at=start + dt.timedelta(hours=2),
            ends_at=start + dt.timedelta(hours=4),
        )
        for name in ("Ann", "Bob", "Cara"):
            places.sign_up_for_shifts(
                event, [morning], name=name, email=f"{name}@example.org", consent="x"
            )
        places.sign_up_for_shifts(
            event, [afternoon], name="Dan", email="dan@example.org", consent="x"
        )
        meeting = add_event("Meeting", capacity=2)
        for name in ("Eve", "Fay", "Gus", "Hal"):
            places.sign_up(meeting, name=name, email=f"{name}@example.org", consent="x")
    return event, meeting


def test_the_export_reads_like_a_person_wrote_it(clp_a, officer_a, canvass):
    rows = {
        row["Name"]: row
        for row in _rows(client_for(clp_a, officer_a).get(ADMIN_SIGNUPS, {"export": "csv"}))
    }
    assert rows["Ann"]["Event date"] == "Sat 5 Dec 2026, 10:00"
    assert rows["Ann"]["Shift"] == "Saturday 5 December 2026, 10am to midday"
    assert rows["Dan"]["Shift"] == "Saturday 5 December 2026, midday to 2pm"
    assert rows["Eve"]["Shift"] == ""
    assert {name: rows[name]["Status"] for name in ("Ann", "Bob", "Gus")} == {
        "Ann": "Confirmed",
        "Bob": "On the waiting list",
        "Gus": "On the waiting list",
    }
    # Each waiting list counts from 1: the shift's, and the meeting's.
    assert [rows[name]["Waiting list position"] for name in ["Ann", "Bob", "Cara", "Dan"]] == [
        "",
        "1",
        "2",
        "",
    ]
    assert [rows[name]["Waiting list position"] for name in ["Eve", "Fay", "Gus", "Hal"]] == [
        "",
        "",
        "1",
        "2",
    ]
    signed_up = dt.datetime.strptime(rows["Ann"]["Signed up"], "%a %d %b %Y, %H:%M")
    assert abs(timezone.make_aware(signed_up) - timezone.now()) < dt.timedelta(minutes=5)
    assert readable_moment(timezone.make_aware(signed_up)) == rows["Ann"]["Signed up"]


def test_the_excel_export_has_the_same_columns(clp_a, officer_a, canvass):
    response = client_for(clp_a, officer_a).get(ADMIN_SIGNUPS, {"export": "xlsx"})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    header, *rows = load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert rows["Bob"]["Waiting list position"] == 1
    assert rows["Ann"]["Waiting list position"] in (None, "")
    assert rows["Ann"]["Event date"] == "Sat 5 Dec 2026, 10:00"


def test_the_export_holds_only_this_sites_sign_ups(clp_a, clp_b, in_schema, officer_a, canvass):
    with in_schema(clp_b):
        places.sign_up(add_event("Welsh day school"), name="Bryn", email="b@x.org", consent="x")
    names = [
        row["Name"]
        for row in _rows(client_for(clp_a, officer_a).get(ADMIN_SIGNUPS, {"export": "csv"}))
    ]
    assert "Ann" in names
    assert "Bryn" not in names


def test_the_export_costs_the_same_queries_however_many_sign_ups(
    clp_a, officer_a, canvass, in_schema, django_assert_max_num_queries
):
    officer = client_for(clp_a, officer_a)
    officer.get(ADMIN_SIGNUPS)
    with django_assert_max_num_queries(40) as eight:
        _rows(officer.get(ADMIN_SIGNUPS, {"export": "csv"}))
    with in_schema(clp_a):
        event = add_event("Another")
        for number in range(6):
            places.sign_up(event, name=f"P{number}", email=f"p{number}@x.org", consent="x")
    with django_assert_max_num_queries(len(eight.captured_queries)):
        assert len(_rows(officer.get(ADMIN_SIGNUPS, {"export": "csv"}))) == 14


# --- the Sign-ups link of an event ---------------------------------------------------------


def _signups_link(event):
    return f"{ADMIN_SIGNUPS}?event={event.pk}"


def test_an_events_sign_ups_link_opens_its_own_list(clp_a, officer_a, canvass):
    event, meeting = canvass
    officer = client_for(clp_a, officer_a)
    editor = html_of(officer.get(f"/admin/pages/{event.pk}/edit/"))
    assert f'href="{_signups_link(event)}"' in editor
    listed = text(officer.get(_signups_link(event)))
    assert "Ann@example.org" in listed
    assert "Eve@example.org" not in listed  # the meeting's


def test_the_page_listing_links_each_event_to_its_sign_ups(clp_a, officer_a, canvass, in_schema):
    event, meeting = canvass
    with in_schema(clp_a):
        index = EventIndexPage.objects.get(locale__language_code="en-gb")
    listing = html_of(client_for(clp_a, officer_a).get(f"/admin/pages/{index.pk}/"))
    assert f'href="{_signups_link(event)}"' in listing
    assert f'href="{_signups_link(meeting)}"' in listing
    home_editor = html_of(client_for(clp_a, officer_a).get(f"/admin/pages/{index.pk}/edit/"))
    assert "/admin/signups/?event=" not in home_editor  # not an event


@pytest.mark.parametrize(
    ("who", "sees_list"),
    [
        ("anonymous", False),
        ("member_user", False),
        ("officer_a", True),
        ("officer_b", False),
        ("staff_user", True),
    ],
)
def test_only_this_sites_officers_and_staff_follow_the_link(
    clp_a, canvass, request, who, sees_list
):
    event, _ = canvass
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_for(clp_a, user).get(_signups_link(event))
    assert ("Ann@example.org" in text(response)) is sees_list
    assert response.status_code == (200 if sees_list else 302 if user is None else 403)
    export = client_for(clp_a, user).get(_signups_link(event) + "&export=csv")
    assert export.status_code == response.status_code
