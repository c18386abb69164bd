"""Places and the waiting list: who gets a place, who waits, and who is promoted when one
frees up."""

import re
import threading

from django.core import mail
from django.db import connection
from django_tenants.utils import schema_context

from constituencies.models import Constituency
from constituencies.signups.models import EventSignup
from constituencies.website.models import EventPage
from tests.factories import add_event
from tests.helpers import client_for

from .shared import (
    CANCELLED,
    CONFIRMED,
    WAITLISTED,
    _by_name,
    ics_of,
    mail_to,
    person,
    sign_up_url,
    text,
)


def test_when_the_event_is_full_the_next_person_joins_the_waiting_list(
    clp_a, small_event, sign_up, stored
):
    sign_up(small_event, "Ann Example")
    sign_up(small_event, "Bob Example")
    mail.outbox.clear()
    cara = client_for(clp_a)
    response = sign_up(small_event, "Cara Example", client=cara)

    assert _by_name(stored()) == {
        "Ann Example": CONFIRMED,
        "Bob Example": CONFIRMED,
        "Cara Example": WAITLISTED,
    }
    [message] = mail.outbox
    assert message.to == ["cara@example.org"]
    assert "waiting list" in message.subject
    assert "Phone bank training" in message.subject
    assert "you're on the waiting list" in message.body
    assert message.attachments == []  # no place yet, nothing for the calendar
    [signup] = stored(name="Cara Example")
    assert f"/sign-ups/{signup.token}/cancel/" in message.body

    event_page = text(cara.get(response["Location"]))
    assert "This event is full, so we're keeping you a place on the waiting list." in event_page
    assert "Full" in event_page
    assert "Join the waiting list" in event_page
    form_page = text(client_for(clp_a).get(sign_up_url(small_event)))
    assert "This event is full." in form_page


def places_shown(event, constituency):
    """What the event page says about places, to a new visitor (no cookies)."""
    page = text(client_for(constituency).get(event.url))
    match = re.search(r"<dt>Places</dt>\s*<dd>(.*?)</dd>", page, re.S)
    assert match, "the event page shows no places"
    return match.group(1).strip()


def test_the_event_page_shows_each_new_visitor_the_places_left(
    clp_a, small_event, sign_up, post, stored
):
    assert places_shown(small_event, clp_a) == "2 of 2 left"

    sign_up(small_event, "Ann Example")
    assert places_shown(small_event, clp_a) == "1 of 2 left"

    sign_up(small_event, "Bob Example")
    assert places_shown(small_event, clp_a) == "Full: join the waiting list"

    [ann] = stored(name="Ann Example")
    post(client_for(clp_a), f"/sign-ups/{ann.token}/cancel/")
    assert places_shown(small_event, clp_a) == "1 of 2 left"


def test_cancelling_a_place_gives_it_to_the_first_person_waiting(
    clp_a, small_event, sign_up, post, stored
):
    for name in ("Ann Example", "Bob Example", "Cara Example", "Dan Example"):
        sign_up(small_event, name)
    mail.outbox.clear()
    [ann] = stored(name="Ann Example")
    cancel_path = f"/sign-ups/{ann.token}/cancel/"
    ann_browser = client_for(clp_a)

    page = ann_browser.get(cancel_path)
    assert page.status_code == 200
    assert "You are signed up as Ann Example (ann@example.org)." in text(page)
    assert "Cancel my place" in text(page)

    response = post(ann_browser, cancel_path)
    assert response.status_code == 302
    assert response["Location"] == cancel_path
    confirmation = text(ann_browser.get(cancel_path))
    assert "Your place at Phone bank training is cancelled." in confirmation
    assert "This place is cancelled." in confirmation

    assert _by_name(stored()) == {
        "Ann Example": CANCELLED,
        "Bob Example": CONFIRMED,
        "Cara Example": CONFIRMED,
        "Dan Example": WAITLISTED,
    }
    assert {address for message in mail.outbox for address in message.to} == {
        "ann@example.org",
        "cara@example.org",
    }
    [to_ann] = mail_to("ann@example.org")
    assert "cancelled" in to_ann.subject
    assert to_ann.attachments == []
    [to_cara] = mail_to("cara@example.org")
    assert to_cara.subject == "You're signed up: Phone bank training"
    assert "a place has freed up, and it's yours" in to_cara.body
    [vevent] = ics_of(to_cara).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Phone bank training"


def test_cancelling_twice_changes_nothing_more(clp_a, small_event, sign_up, post, stored):
    for name in ("Ann Example", "Bob Example", "Cara Example", "Dan Example"):
        sign_up(small_event, name)
    [ann] = stored(name="Ann Example")
    cancel_path = f"/sign-ups/{ann.token}/cancel/"
    post(client_for(clp_a), cancel_path)
    mail.outbox.clear()

    again = post(client_for(clp_a), cancel_path)
    assert again.status_code == 200
    assert "This place is cancelled." in text(again)
    assert _by_name(stored())["Dan Example"] == WAITLISTED
    assert mail.outbox == []


def test_leaving_the_waiting_list_moves_nobody_up(clp_a, small_event, sign_up, post, stored):
    for name in ("Ann Example", "Bob Example", "Cara Example", "Dan Example"):
        sign_up(small_event, name)
    mail.outbox.clear()
    [cara] = stored(name="Cara Example")
    cancel_path = f"/sign-ups/{cara.token}/cancel/"

    page = text(client_for(clp_a).get(cancel_path))
    assert "You are on the waiting list as Cara Example" in page
    assert "Cancel my place on the waiting list" in page
    post(client_for(clp_a), cancel_path)

    assert _by_name(stored()) == {
        "Ann Example": CONFIRMED,
        "Bob Example": CONFIRMED,
        "Cara Example": CANCELLED,
        "Dan Example": WAITLISTED,
    }
    assert [message.to for message in mail.outbox] == [["cara@example.org"]]


def test_after_cancelling_the_same_person_can_sign_up_again(clp_a, event_a, sign_up, post, stored):
    sign_up(event_a, "Ann Example", "ann@example.org")
    [ann] = stored()
    post(client_for(clp_a), f"/sign-ups/{ann.token}/cancel/")

    assert sign_up(event_a, "Ann Example", "ann@example.org").status_code == 302
    assert sorted(s.status for s in stored()) == [CANCELLED, CONFIRMED]


def test_raising_the_capacity_moves_people_up_from_the_waiting_list(
    clp_a, in_schema, sign_up, stored, django_capture_on_commit_callbacks
):
    with in_schema(clp_a):
        event = add_event("Fundraising quiz", capacity=1)
    for name in ("Ann Example", "Bob Example", "Cara Example", "Dan Example"):
        sign_up(event, name)
    mail.outbox.clear()

    with in_schema(clp_a), django_capture_on_commit_callbacks(execute=True):
        event = EventPage.objects.get(pk=event.pk)
        event.capacity = 3
        event.save_revision().publish()

    assert _by_name(stored()) == {
        "Ann Example": CONFIRMED,
        "Bob Example": CONFIRMED,
        "Cara Example": CONFIRMED,
        "Dan Example": WAITLISTED,
    }
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "bob@example.org",
        "cara@example.org",
    ]
    for message in mail.outbox:
        assert "a place has freed up" in message.body
        assert ics_of(message).walk("VEVENT")


def test_people_signing_up_at_the_same_moment_never_overfill_the_event(
    django_db_setup, committed, settings
):
    """Parallel requests, each on its own database connection, race for two places.

    No `db` here: the threads cannot see a test transaction, so the event is committed
    (and deleted afterwards by `committed`). `django_db_setup` makes sure the test
    database is the one in use even when this test runs alone."""
    settings.SIGNUP_RATE_LIMIT = "1000/h"
    capacity, people = 2, 8
    with committed():
        clp_a = Constituency.objects.get(gss_code="E14999901")
        host = clp_a.primary_domain
        with schema_context(clp_a.schema_name):
            event = committed.cleanup(add_event("Rally in the park", capacity=capacity))
            path = sign_up_url(event)

        barrier = threading.Barrier(people)
        statuses, errors = [], []

        def visitor(number):
            try:
                client = client_for(host)
                barrier.wait(timeout=30)
                response = client.post(path, person(f"Racer{number} Example"))
                statuses.append(response.status_code)
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=visitor, args=(n,)) for n in range(people)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert errors == []
        assert statuses == [302] * people
        with schema_context(clp_a.schema_name):
            stored_statuses = sorted(
                EventSignup.objects.filter(event_id=event.pk).values_list("status", flat=True)
            )
        assert stored_statuses == [CONFIRMED] * capacity + [WAITLISTED] * (people - capacity)
