"""Officers see, export and cancel sign-ups in the admin, and delete events, in their own
constituency only."""

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from constituencies.signups import places
from constituencies.signups.models import readable_moment
from constituencies.website.models import EventPage
from tests.factories import add_event
from tests.helpers import client_for

from .shared import (
    ADMIN_SIGNUPS,
    CANCELLED,
    CONFIRMED,
    CONSENT,
    WAITLISTED,
    _by_name,
    mail_to,
    text,
)


def test_officers_see_who_signed_up_in_their_admin(clp_a, event_a, officer_a, sign_up):
    sign_up(event_a, "Ann Example", "ann@example.org")
    response = client_for(clp_a, officer_a).get(ADMIN_SIGNUPS)
    page = text(response)
    assert response.status_code == 200
    assert "Ann Example" in page
    assert "ann@example.org" in page
    assert "Street stall on the high street" in page


def test_officers_see_whose_place_is_confirmed_and_whose_is_only_held(
    clp_a, event_a, officer_a, sign_up, stored
):
    sign_up(event_a, "Ann Example", "ann@example.org")
    sign_up(event_a, "Bob Example", "bob@example.org", confirm=False)
    [_, bob] = stored()
    page = text(client_for(clp_a, officer_a).get(ADMIN_SIGNUPS))
    assert "Confirmed" in page
    assert f"Pending until {readable_moment(bob.hold_until)}" in page


def test_the_sign_ups_list_costs_the_same_queries_however_many_there_are(
    clp_a, event_a, small_event, officer_a, sign_up
):
    officer = client_for(clp_a, officer_a)
    sign_up(event_a, "Ann Example", "ann@example.org")
    with CaptureQueriesContext(connection) as one:
        assert officer.get(ADMIN_SIGNUPS).status_code == 200
    for number in range(2):
        sign_up(event_a, f"Person {number}", f"person{number}@example.org")
        sign_up(small_event, f"Other {number}", f"other{number}@example.org")
    with CaptureQueriesContext(connection) as five:
        page = text(officer.get(ADMIN_SIGNUPS))
    assert "Other 1" in page
    assert len(five) == len(one)


def test_officers_export_the_sign_ups_as_csv(clp_a, event_a, officer_a, sign_up):
    sign_up(event_a, "Ann Example", "ann@example.org", phone="07700 900123")
    response = client_for(clp_a, officer_a).get(ADMIN_SIGNUPS, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "sign-ups" in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Name",
        "Email",
        "Phone",
        "Event",
        "Event date",
        "Shift",
        "Status",
        "Confirmed by the person",
        "Waiting list position",
        "Signed up",
        "Consent text",
        "Consent wording",
        "Consent given",
    ]
    [row] = rows[1:]
    assert row[:4] == [
        "Ann Example",
        "ann@example.org",
        "07700 900123",
        "Street stall on the high street",
    ]
    # Dates as people read them, in UK time ("Sat 5 Dec 2026, 10:00").
    assert row[4] == timezone.localtime(event_a.starts_at).strftime("%a %-d %b %Y, %H:%M")
    assert row[5] == ""  # no shifts
    assert row[6] == "Confirmed"
    assert row[7] == "Confirmed"  # by the person, through the emailed link
    assert row[8] == ""  # not waiting
    signed_up = timezone.make_aware(dt.datetime.strptime(row[9], "%a %d %b %Y, %H:%M"))
    assert abs(signed_up - timezone.now()) < dt.timedelta(minutes=5)
    assert row[10] == CONSENT
    assert row[11] == "signup-2026-12"
    assert row[12] == row[9]  # consent given on signing up


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("member_user", 403),
        ("officer_a", 200),
        ("editor_a", 200),
        ("officer_b", 403),
        ("expired_officer_a", 403),
        ("staff_user", 200),
    ],
)
def test_only_this_sites_officers_and_central_staff_see_its_sign_ups(
    clp_a, event_a, sign_up, request, who, expected
):
    sign_up(event_a, "Ann Example", "ann@example.org")
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_for(clp_a, user).get(ADMIN_SIGNUPS)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/accounts/login/")
    if expected == 200:
        assert "Ann Example" in text(response)
    else:
        assert "Ann Example" not in text(response)
    export = client_for(clp_a, user).get(ADMIN_SIGNUPS, {"export": "csv"})
    assert export.status_code == expected


def test_one_sites_admin_never_lists_another_sites_sign_ups(
    clp_a, clp_b, in_schema, event_a, sign_up, officer_a, staff_user
):
    sign_up(event_a, "Ann Example", "ann@example.org")
    with in_schema(clp_b):
        event_b = add_event("Welsh day school")
        places.sign_up(event_b, name="Bryn Example", email="bryn@example.org", consent="x")

    for user in (officer_a, staff_user):
        page = text(client_for(clp_a, user).get(ADMIN_SIGNUPS))
        assert "Ann Example" in page
        assert "Bryn Example" not in page
        export = client_for(clp_a, user).get(ADMIN_SIGNUPS, {"export": "csv"})
        content = b"".join(export.streaming_content) if export.streaming else export.content
        assert "Ann Example" in content.decode()
        assert "Bryn Example" not in content.decode()


def edit_signup_url(signup):
    return f"{ADMIN_SIGNUPS}edit/{signup.pk}/"


def test_a_secretary_cancels_a_place_in_the_admin_and_the_first_person_waiting_moves_up(
    clp_a, small_event, officer_a, sign_up, post, stored
):
    for name in ("Ann Example", "Bob Example", "Cara Example"):
        sign_up(small_event, name)
    mail.outbox.clear()
    [ann] = stored(name="Ann Example")
    secretary = client_for(clp_a, officer_a)

    form = text(secretary.get(edit_signup_url(ann)))
    assert "Cancelling emails the person" in form
    assert 'value="confirmed"' in form
    assert 'value="cancelled"' in form
    assert 'value="waitlisted"' not in form  # nobody is moved by hand past the capacity

    response = post(secretary, edit_signup_url(ann), {"status": "cancelled"})
    assert response.status_code == 302
    assert _by_name(stored()) == {
        "Ann Example": CANCELLED,
        "Bob Example": CONFIRMED,
        "Cara Example": CONFIRMED,
    }
    assert "cancelled" in mail_to("ann@example.org")[0].subject
    assert mail_to("cara@example.org")[0].subject == "You're signed up: Phone bank training"


def test_the_admin_cannot_confirm_someone_past_the_capacity(
    clp_a, small_event, officer_a, sign_up, post, stored
):
    for name in ("Ann Example", "Bob Example", "Cara Example"):
        sign_up(small_event, name)
    [cara] = stored(name="Cara Example")
    response = post(client_for(clp_a, officer_a), edit_signup_url(cara), {"status": "confirmed"})
    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    assert stored(name="Cara Example")[0].status == WAITLISTED


def test_only_designated_administrators_of_the_site_and_staff_cancel_places(
    clp_a, event_a, sign_up, editor_a, officer_b, member_user, staff_user, post, stored
):
    sign_up(event_a, "Ann Example")
    [ann] = stored()
    for user in (None, member_user, editor_a, officer_b):
        response = post(client_for(clp_a, user), edit_signup_url(ann), {"status": "cancelled"})
        assert response.status_code in (302, 403)
        assert stored()[0].status == CONFIRMED, user
    post(client_for(clp_a, staff_user), edit_signup_url(ann), {"status": "cancelled"})
    assert stored()[0].status == CANCELLED


def test_nobody_adds_places_in_the_admin(clp_a, staff_user, stored):
    staff = client_for(clp_a, staff_user)
    assert "Add sign-up" not in text(staff.get(ADMIN_SIGNUPS))
    assert staff.get(f"{ADMIN_SIGNUPS}new/").status_code == 302
    assert staff.post(f"{ADMIN_SIGNUPS}new/", {"status": "confirmed"}).status_code == 302
    assert stored() == []


def _delete_page(client, page):
    return client.post(f"/admin/pages/{page.pk}/delete/", HTTP_REFERER="/admin/pages/")


def test_an_event_people_have_signed_up_to_is_kept_until_their_places_are_cancelled(
    clp_a, event_a, staff_user, sign_up, post, stored, in_schema
):
    sign_up(event_a, "Ann Example")
    staff = client_for(clp_a, staff_user)

    response = _delete_page(staff, event_a)
    assert response.status_code == 302
    notice = text(staff.get(response["Location"]))
    assert "1 person has signed up to “Street stall on the high street”" in notice
    assert "Cancel their places in Sign-ups first" in notice
    with in_schema(clp_a):
        assert EventPage.objects.filter(pk=event_a.pk).exists()
    assert len(stored()) == 1

    post(staff, edit_signup_url(stored()[0]), {"status": "cancelled"})
    assert _delete_page(staff, event_a).status_code == 302
    with in_schema(clp_a):
        assert not EventPage.objects.filter(pk=event_a.pk).exists()


def test_the_events_section_holding_such_an_event_is_kept_too_one_by_one_or_in_bulk(
    clp_a, event_a, staff_user, sign_up, in_schema
):
    sign_up(event_a, "Ann Example")
    staff = client_for(clp_a, staff_user)
    with in_schema(clp_a):
        events = event_a.get_parent()
    _delete_page(staff, events)
    staff.post(f"/admin/bulk/wagtailcore/page/delete/?id={events.pk}&id={event_a.pk}")
    with in_schema(clp_a):
        assert EventPage.objects.filter(pk=event_a.pk).exists()
        assert Page.objects.filter(pk=events.pk).exists()


@pytest.mark.parametrize("token", ["ab%00cd", "%00"])
def test_a_cancel_link_with_characters_no_link_has_is_not_found(
    token, clp_a, event_a, sign_up, stored, post
):
    sign_up(event_a, "Ann Example", "ann@example.org")
    visitor = client_for(clp_a)
    assert visitor.get(f"/sign-ups/{token}/cancel/").status_code == 404
    assert post(visitor, f"/sign-ups/{token}/cancel/").status_code == 404
    [ann] = stored()
    assert ann.status == CONFIRMED
