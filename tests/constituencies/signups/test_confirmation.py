"""Sign-ups count once their owner confirms the address: a pending one holds its place
for a while, then expires and frees it."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from constituencies.signups import expiry, places, reminders
from constituencies.signups.models import EventSignup
from constituencies.website.models import EventPage
from privacy import consent
from tests.factories import add_event
from tests.helpers import client_for

from .shared import (
    CONFIRMED,
    CONSENT,
    WAITLISTED,
    add_shifts,
    cancel_link,
    confirm_link,
    ics_of,
    sign_up_url,
    text,
)


@pytest.fixture
def going_event(clp_a, in_schema):
    """Two places, showing how many are going."""
    with in_schema(clp_a):
        return add_event("Phone bank training", capacity=2, show_going_count=True)


def test_a_new_sign_up_holds_its_place_but_counts_nobody_until_confirmed(
    clp_a, going_event, sign_up, stored, in_schema, post
):
    visitor = client_for(clp_a)
    form = text(visitor.get(sign_up_url(going_event)))
    assert "We'll email you a link to confirm it's you. We hold your place for 24 hours" in form
    response = sign_up(going_event, "Ann Example", client=visitor, confirm=False)

    assert "We're holding your place. Check your email" in text(visitor.get(response["Location"]))
    [ann] = stored()
    assert ann.status == CONFIRMED
    assert ann.is_pending
    hours = (ann.hold_until - ann.created_at).total_seconds() / 3600
    assert 23.9 < hours <= 24
    with in_schema(clp_a):
        assert EventSignup.objects.places_for(going_event).left == 1
        assert EventSignup.objects.going_to(going_event) == 0
    page = text(client_for(clp_a).get(going_event.url))
    assert "1 of 2 left" in page
    assert "0 going" in page

    [request] = mail.outbox
    assert request.to == ["ann@example.org"]
    assert request.subject == "Confirm your place: Phone bank training"
    assert "We're holding a place for you at Phone bank training" in request.body
    assert request.attachments == []  # the calendar comes once it is confirmed
    assert f"/sign-ups/{ann.token}/cancel/" in request.body  # withdraw without confirming

    # Opening the link (as a mail scanner does) shows a button and changes nothing.
    link = confirm_link(request)
    page = client_for(clp_a).get(link)
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0")
    assert "Confirm my place" in text(page)
    assert stored()[0].is_pending

    confirmed = post(client_for(clp_a), link)
    assert confirmed.status_code == 200
    assert "Your place is confirmed" in text(confirmed)
    [ann] = stored()
    assert ann.confirmed_at is not None
    assert ann.hold_until is None
    with in_schema(clp_a):
        assert EventSignup.objects.going_to(going_event) == 1
    assert "1 going" in text(client_for(clp_a).get(going_event.url))
    [_, message] = mail.outbox
    assert message.subject == "You're signed up: Phone bank training"
    assert ics_of(message).walk("VEVENT")

    # Pressing it again (a second tab, a double click) confirms nothing more.
    again = post(client_for(clp_a), link)
    assert again.status_code == 200
    assert len(mail.outbox) == 2


def test_pending_sign_ups_fill_the_places_and_the_next_person_waits(
    clp_a, going_event, sign_up, stored
):
    sign_up(going_event, "Ann Example", confirm=False)
    sign_up(going_event, "Bob Example", confirm=False)
    mail.outbox.clear()
    sign_up(going_event, "Cara Example", confirm=False)

    assert [s.status for s in stored()] == [CONFIRMED, CONFIRMED, WAITLISTED]
    [request] = mail.outbox
    assert request.subject == "Confirm your place on the waiting list: Phone bank training"
    assert "we've kept you a place on the waiting list" in request.body


def test_the_hold_never_runs_past_the_start(clp_a, in_schema, sign_up, stored):
    with in_schema(clp_a):
        soon = add_event("Leaflet drop", starts_in_days=0)
        EventPage.objects.filter(pk=soon.pk).update(
            starts_at=timezone.now() + dt.timedelta(hours=3)
        )
        soon.refresh_from_db()
    sign_up(soon, confirm=False)
    [signup] = stored()
    assert signup.hold_until == soon.starts_at


def test_the_hold_is_set_in_hours(clp_a, going_event, sign_up, stored, settings):
    settings.SIGNUP_CONFIRMATION_HOURS = 2
    sign_up(going_event, confirm=False)
    [signup] = stored()
    assert dt.timedelta(hours=1, minutes=59) < signup.hold_until - signup.created_at
    assert signup.hold_until - signup.created_at <= dt.timedelta(hours=2)


def test_an_unconfirmed_sign_up_stops_holding_its_place_when_its_hold_passes(
    clp_a, going_event, sign_up, stored, in_schema, time_machine
):
    sign_up(going_event, "Ann Example", confirm=False)
    sign_up(going_event, "Bob Example")
    sign_up(going_event, "Cara Example")  # waits, confirmed
    [ann, _, cara] = stored()
    assert cara.status == WAITLISTED

    time_machine.move_to(ann.hold_until + dt.timedelta(minutes=1), tick=False)
    # Before any task runs, the expired row holds nothing: the place is free, and the
    # waiting list is one shorter.
    with in_schema(clp_a):
        places_now = EventSignup.objects.places_for(going_event)
        assert (places_now.taken, places_now.waiting) == (1, 1)
        assert EventSignup.objects.get(pk=cara.pk).waiting_list_position == 1
        assert EventSignup.objects.get(pk=ann.pk).confirmation == "Expired"


def test_the_task_deletes_expired_sign_ups_and_moves_the_waiting_list_up(
    clp_a, going_event, sign_up, stored, in_schema, time_machine, django_capture_on_commit_callbacks
):
    sign_up(going_event, "Ann Example", confirm=False)
    sign_up(going_event, "Bob Example")
    sign_up(going_event, "Cara Example")  # waits, confirmed
    [ann, *_] = stored()
    mail.outbox.clear()

    time_machine.move_to(ann.hold_until + dt.timedelta(minutes=1), tick=False)
    with in_schema(clp_a), django_capture_on_commit_callbacks(execute=True):
        assert expiry.release_all_expired() == {"released": 1, "promoted": 1}
    assert {s.name: s.status for s in stored()} == {
        "Bob Example": CONFIRMED,
        "Cara Example": CONFIRMED,
    }
    # Cara is told her place has freed up; Ann, whose address never confirmed, is not
    # written to again.
    [message] = mail.outbox
    assert message.to == ["cara@example.org"]
    assert message.subject == "You're signed up: Phone bank training"
    assert "a place has freed up, and it's yours" in message.body

    with in_schema(clp_a), django_capture_on_commit_callbacks(execute=True):
        assert expiry.release_all_expired() == {"released": 0, "promoted": 0}


def test_a_pending_person_moved_up_must_still_confirm(
    clp_a, going_event, sign_up, stored, in_schema, time_machine, django_capture_on_commit_callbacks
):
    sign_up(going_event, "Ann Example")
    sign_up(going_event, "Bob Example", confirm=False)
    time_machine.move_to(timezone.now() + dt.timedelta(hours=1), tick=False)
    sign_up(going_event, "Cara Example", confirm=False)  # waits, pending
    [_, bob, cara] = stored()
    mail.outbox.clear()

    time_machine.move_to(bob.hold_until + dt.timedelta(minutes=1), tick=False)
    with in_schema(clp_a), django_capture_on_commit_callbacks(execute=True):
        expiry.release_all_expired()
    [cara] = stored(name="Cara Example")
    assert cara.status == CONFIRMED
    assert cara.is_pending
    [message] = mail.outbox
    assert message.subject == "A place has freed up, confirm it: Phone bank training"
    assert confirm_link(message) == f"/sign-ups/{cara.token}/confirm/"


def test_confirming_after_the_hold_passed_says_so_and_keeps_nothing(
    clp_a, going_event, sign_up, stored, post, in_schema, time_machine
):
    sign_up(going_event, confirm=False)
    [request] = mail.outbox
    [ann] = stored()
    time_machine.move_to(ann.hold_until + dt.timedelta(seconds=1), tick=False)

    response = post(client_for(clp_a), confirm_link(request))
    assert response.status_code == 400
    assert "This link has expired" in text(response)
    assert stored()[0].confirmed_at is None

    with in_schema(clp_a):
        expiry.release_all_expired()
    gone = client_for(clp_a).get(confirm_link(request))
    assert gone.status_code == 404
    assert "We have no sign-up for this link" in text(gone)


def test_signing_up_again_after_expiry_takes_a_fresh_place(
    clp_a, going_event, sign_up, stored, time_machine
):
    sign_up(going_event, confirm=False)
    [ann] = stored()
    time_machine.move_to(ann.hold_until + dt.timedelta(minutes=1), tick=False)
    sign_up(going_event)  # the same address, before the task has run
    [again] = stored()
    assert again.pk != ann.pk
    assert again.confirmed_at is not None


def test_signing_up_again_while_pending_resends_the_request(clp_a, going_event, sign_up, stored):
    sign_up(going_event, "Ann Example", "ann@example.org", confirm=False)
    sign_up(going_event, "Ann Again", "ANN@example.org", confirm=False)

    [ann] = stored()
    assert ann.name == "Ann Example"
    first, second = mail.outbox
    assert second.subject == first.subject == "Confirm your place: Phone bank training"
    assert confirm_link(second) == confirm_link(first)


def test_shifts_are_held_together_and_confirmed_one_link_each(
    clp_a, in_schema, stored, post, django_capture_on_commit_callbacks
):
    with in_schema(clp_a):
        event = add_event("Canvass", hours=6)
        shifts = add_shifts(event, (0, 2, 1), (2, 2, 1))
    data = {
        "name": "Ann Example",
        "email": "ann@example.org",
        "phone": "",
        "consent": "on",
        "website": "",
        "shifts": [str(shift.pk) for shift in shifts],
    }
    post(client_for(clp_a), sign_up_url(event), data)
    assert [s.is_pending for s in stored()] == [True, True]
    with in_schema(clp_a):
        assert all(shift.places.is_full for shift in shifts)
    links = [confirm_link(message) for message in mail.outbox]
    assert len(set(links)) == 2
    for link in links:
        post(client_for(clp_a), link)
    assert [s.is_pending for s in stored()] == [False, False]


def test_a_link_nobody_has_says_so_clearly(clp_a, post):
    for path in ("/sign-ups/not-a-real-token/confirm/", "/sign-ups/not-a-real-token/cancel/"):
        assert client_for(clp_a).get(path).status_code == 404
        response = post(client_for(clp_a), path)
        assert response.status_code == 404
        assert "We have no sign-up for this link" in text(response)


def test_confirming_a_cancelled_sign_up_says_so(clp_a, going_event, sign_up, stored, post):
    sign_up(going_event, confirm=False)
    [request] = mail.outbox
    post(client_for(clp_a), cancel_link(request))
    response = post(client_for(clp_a), confirm_link(request))
    assert response.status_code == 400
    assert "This sign-up was cancelled" in text(response)


def test_a_link_of_one_site_finds_nothing_on_another(clp_a, clp_b, going_event, sign_up, post):
    sign_up(going_event, confirm=False)
    [request] = mail.outbox
    assert client_for(clp_b).get(confirm_link(request)).status_code == 404


def test_the_consent_shown_is_stored_with_its_version_and_time(going_event, sign_up, stored):
    sign_up(going_event)
    [ann] = stored()
    assert ann.consent_text == CONSENT
    assert ann.consent_version == consent.current("signup").version == "signup-2026-12"
    assert abs(ann.consented_at - ann.created_at) < dt.timedelta(seconds=5)


def test_pending_places_are_not_reminded_and_a_reminder_can_be_unsubscribed_from(
    clp_a, in_schema, sign_up, stored, django_capture_on_commit_callbacks
):
    with in_schema(clp_a):
        event = add_event("Tomorrow's stall", starts_in_days=1)
    sign_up(event, "Ann Example")
    sign_up(event, "Bob Example", confirm=False)
    mail.outbox.clear()
    with in_schema(clp_a), django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders() == 1
    [reminder] = mail.outbox
    assert reminder.to == ["ann@example.org"]
    [ann, _] = stored()
    link = f"/sign-ups/{ann.token}/cancel/"
    assert reminder.extra_headers["List-Unsubscribe"] == f"<http://{clp_a.primary_domain}{link}>"
    assert cancel_link(reminder) == link


def test_every_email_about_a_place_links_to_cancelling_it_and_the_link_works(
    clp_a, going_event, sign_up, stored, in_schema, post, django_capture_on_commit_callbacks
):
    sign_up(going_event, "Ann Example", confirm=False)  # asked to confirm
    sign_up(going_event, "Bob Example")  # confirmed
    sign_up(going_event, "Cara Example", confirm=False)  # asked, waiting
    sign_up(going_event, "Dan Example")  # confirmed, waiting
    [ann, bob, *_] = stored()
    with in_schema(clp_a), django_capture_on_commit_callbacks(execute=True):
        places.cancel(bob)  # Cara moves up, pending; Bob is told it is cancelled
        places.confirm(ann)
    cancelled = {m for m in mail.outbox if m.subject.startswith("Your place is cancelled")}
    emails = [m for m in mail.outbox if m not in cancelled]
    kinds = {m.subject.split(":")[0] for m in emails}
    assert kinds >= {
        "Confirm your place",
        "You're signed up",
        "Confirm your place on the waiting list",
        "You're on the waiting list",
        "A place has freed up, confirm it",
    }
    for message in emails:
        link = cancel_link(message)
        assert link in message.alternatives[0][0]
        response = client_for(clp_a).get(link)
        assert response.status_code == 200
        assert "Your place at Phone bank training" in text(response)
    # Cancelling through a pending person's link works like any other.
    [cara_request] = [m for m in emails if m.subject.startswith("A place has freed up")]
    post(client_for(clp_a), cancel_link(cara_request))
    assert {s.name: s.status for s in stored()}["Cara Example"] == "cancelled"
