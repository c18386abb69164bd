"""A session that has been into the Wagtail admin ends after 30 minutes without a
request and 12 hours after it opened the admin; its holder signs in again and comes
back to the page they asked for. Members who never open the admin are not affected."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from tests.factories import unused_totp_code
from tests.helpers import client_for, html_of

PASSWORD = "correct horse battery staple"
IDLE_MESSAGE = "admin sessions end after 30 minutes without activity"
MAX_MESSAGE = "admin sessions end after 12 hours"


@pytest.fixture
def clock(monkeypatch):
    """`clock.advance(minutes=31)` moves the time every part of the app reads."""

    class Clock:
        def __init__(self):
            self.now = timezone.now()

        def advance(self, **delta):
            self.now += dt.timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


def _is_sent_to_sign_in(response, next_path):
    location = urlsplit(response.get("Location", ""))
    return (
        response.status_code == 302
        and location.path == "/accounts/login/"
        and parse_qs(location.query) == {"next": [next_path]}
    )


@pytest.fixture
def officer(clp_a, officer_a, clock):
    client = client_for(clp_a, officer_a)
    assert client.get("/admin/").status_code == 200
    return client


def test_an_officer_back_within_29_minutes_carries_on(officer, clock):
    clock.advance(minutes=29)
    assert officer.get("/admin/images/").status_code == 200
    clock.advance(minutes=29)  # each request starts the 30 minutes again
    assert officer.get("/admin/images/").status_code == 200


def test_an_officer_idle_for_31_minutes_is_signed_out_and_told_why(officer, clock):
    clock.advance(minutes=31)
    response = officer.get("/admin/images/")
    assert _is_sent_to_sign_in(response, "/admin/images/")
    login_page = officer.get(response["Location"])
    assert login_page.status_code == 200
    assert IDLE_MESSAGE in html_of(login_page)
    # Signed out for good: the admin asks them to sign in again.
    assert officer.get("/admin/")["Location"].startswith("/accounts/login/")


def test_an_idle_admin_session_ends_on_public_pages_too(officer, clock):
    clock.advance(minutes=31)
    response = officer.get("/news/")
    assert _is_sent_to_sign_in(response, "/news/")
    assert officer.get("/news/").status_code == 200  # now as any visitor


def test_an_admin_session_ends_after_12_hours_however_busy(officer, clock):
    for _ in range(12 * 3):
        clock.advance(minutes=20)
        assert officer.get("/admin/images/").status_code == 200
    clock.advance(minutes=1)
    response = officer.get("/admin/images/")
    assert _is_sent_to_sign_in(response, "/admin/images/")
    assert MAX_MESSAGE in html_of(officer.get(response["Location"]))


def test_the_editors_background_pings_do_not_keep_a_session_alive(officer, clock, clp_a):
    for _ in range(3):
        clock.advance(minutes=10)
        officer.post("/admin/editing-sessions/release/1/")
    clock.advance(minutes=1)
    assert _is_sent_to_sign_in(officer.get("/admin/images/"), "/admin/images/")


def test_signing_in_again_returns_to_where_the_officer_was_going(officer, clock, officer_a):
    clock.advance(minutes=31)
    sent_to = officer.get("/admin/images/?q=bus")["Location"]
    response = officer.post(sent_to, {"login": officer_a.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = officer.post(
        "/accounts/2fa/authenticate/", {"code": unused_totp_code(officer_a.email)}
    )
    assert response["Location"] == "/admin/images/?q=bus"
    # A new admin session, with its own 30 minutes.
    assert officer.get(response["Location"]).status_code == 200
    clock.advance(minutes=29)
    assert officer.get("/admin/").status_code == 200


def test_central_staff_on_the_hub_are_timed_out_too(hub, staff_user, clock):
    staff = client_for("localhost", staff_user)
    assert staff.get("/admin/").status_code == 200
    clock.advance(minutes=31)
    assert _is_sent_to_sign_in(staff.get("/admin/"), "/admin/")


def test_a_members_session_is_not_cut_short(member_user, clock):
    member = client_for("localhost", member_user)
    assert member.get("/membersnet/").status_code == 200
    clock.advance(hours=13)
    response = member.get("/membersnet/")
    assert response.status_code == 200
    assert IDLE_MESSAGE not in html_of(response)


def test_an_officer_who_never_opens_the_admin_keeps_the_longer_session(officer_b, clock):
    client = client_for("localhost", officer_b)
    assert "Sign out" in html_of(client.get("/"))
    clock.advance(hours=13)
    assert "Sign out" in html_of(client.get("/"))


def test_the_limits_come_from_settings(officer, clock, settings):
    settings.ADMIN_SESSION_IDLE_SECONDS = 10 * 60
    clock.advance(minutes=11)
    response = officer.get("/admin/")
    assert _is_sent_to_sign_in(response, "/admin/")
    assert "after 10 minutes without activity" in html_of(officer.get(response["Location"]))
