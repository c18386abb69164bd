"""Officers and staff reading who signed up leave a trace in the audit log: each list
shown, each export and each sign-up opened is one entry naming who looked, when, the
event and everyone whose details were shown. Those refused see nothing and leave none."""

import pytest

from constituencies.signups import places
from constituencies.signups.models import EventSignup
from governance.models import AuditEvent
from tests.factories import add_event
from tests.helpers import client_for

from .shared import ADMIN_SIGNUPS


@pytest.fixture
def signed_up(clp_a, in_schema, event_a):
    """Ann and Bob signed up to the street stall; Cara to another event."""
    with in_schema(clp_a):
        for name in ("Ann", "Bob"):
            places.sign_up(event_a, name=name, email=f"{name}@Example.org", consent="x")
        other = add_event("Phone bank")
        places.sign_up(other, name="Cara", email="cara@example.org", consent="x")
        ann = EventSignup.objects.get(name="Ann")
    return {"event": event_a, "other": other, "ann": ann}


def _entries(action):
    return list(AuditEvent.objects.filter(action=action).order_by("at", "pk"))


def test_exporting_one_events_sign_ups_is_audited_with_everyone_in_it(clp_a, officer_a, signed_up):
    event = signed_up["event"]
    officer = client_for(clp_a, officer_a)
    response = officer.get(ADMIN_SIGNUPS, {"export": "csv", "event": event.pk})
    assert response.status_code == 200
    [entry] = _entries("signups.exported")
    assert entry.actor == officer_a
    assert entry.constituency == clp_a
    assert entry.people == ["ann@example.org", "bob@example.org"]
    assert entry.record == f"website.EventPage:{event.pk}"
    assert entry.details["count"] == 2
    assert entry.details["event"] == event.pk
    assert entry.details["format"] == "csv"
    assert "Street stall on the high street" in entry.summary
    assert "2 people" in entry.summary

    # A second export is a second entry.
    officer.get(ADMIN_SIGNUPS, {"export": "xlsx", "event": event.pk})
    assert len(_entries("signups.exported")) == 2


def test_exporting_every_sign_up_names_everyone(clp_a, staff_user, signed_up):
    client_for(clp_a, staff_user).get(ADMIN_SIGNUPS, {"export": "csv"})
    [entry] = _entries("signups.exported")
    assert entry.actor == staff_user
    assert entry.people == ["ann@example.org", "bob@example.org", "cara@example.org"]
    assert entry.details["event"] is None
    assert "every event" in entry.summary


def test_the_list_shown_is_one_entry_naming_the_people_on_the_page(clp_a, officer_a, signed_up):
    response = client_for(clp_a, officer_a).get(ADMIN_SIGNUPS, {"event": signed_up["event"].pk})
    assert response.status_code == 200
    [entry] = _entries("signups.listed")
    assert entry.actor == officer_a
    assert entry.people == ["ann@example.org", "bob@example.org"]
    assert AuditEvent.objects.filter(action="signups.exported").count() == 0


@pytest.mark.parametrize("view", ["inspect", "edit"])
def test_opening_one_sign_up_is_audited(clp_a, officer_a, signed_up, view):
    ann = signed_up["ann"]
    officer = client_for(clp_a, officer_a)
    assert officer.get(f"{ADMIN_SIGNUPS}{view}/{ann.pk}/").status_code == 200
    [entry] = _entries("signup.viewed")
    assert entry.actor == officer_a
    assert entry.people == ["ann@example.org"]
    assert entry.record == f"signups.EventSignup:{ann.pk}"
    assert entry.constituency == clp_a
    assert entry.at is not None
    officer.get(f"{ADMIN_SIGNUPS}{view}/{ann.pk}/")
    assert len(_entries("signup.viewed")) == 2


@pytest.mark.parametrize("who", ["anonymous", "member_user", "officer_b", "expired_officer_a"])
def test_those_refused_leave_no_entry(clp_a, signed_up, request, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(clp_a, user)
    ann = signed_up["ann"]
    before = AuditEvent.objects.count()
    for path, query in (
        (ADMIN_SIGNUPS, {}),
        (ADMIN_SIGNUPS, {"export": "csv"}),
        (f"{ADMIN_SIGNUPS}inspect/{ann.pk}/", {}),
        (f"{ADMIN_SIGNUPS}edit/{ann.pk}/", {}),
    ):
        assert client.get(path, query).status_code in (302, 403)
    assert AuditEvent.objects.filter(action__startswith="signup").count() == 0
    assert AuditEvent.objects.count() == before
