"""Visitors sign up to a constituency's events: they get a place (or a place on the waiting
list when the event is full), an email with the event for their calendar and a link to
cancel. Officers see the sign-ups in their own site's admin only. Sign-ups are personal
data: kept to one constituency and deleted when their time is up."""

import csv
import datetime as dt
import html
import io
import re
import smtplib
import threading
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context
from icalendar import Calendar
from wagtail.models import Page

from constituencies.models import Constituency
from constituencies.signups import places
from constituencies.signups.models import EventSignup
from constituencies.tasks import purge_expired_personal_data
from constituencies.website.models import EventPage
from outbox.tasks import relay_due
from tests.factories import add_event
from tests.helpers import client_for, email_of_length, run_outbox_sweep

CONFIRMED = EventSignup.Status.CONFIRMED
WAITLISTED = EventSignup.Status.WAITLISTED
CANCELLED = EventSignup.Status.CANCELLED
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
ADMIN_SIGNUPS = "/admin/signups/"
CONSENT = (
    "I agree that Testford North Labour may keep my name and contact details to organise "
    "this event, and contact me about it. They are deleted 12 months after the event."
)


class BrokenMailServer(BaseEmailBackend):
    """A mail server that is down: every send fails."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 mail server unavailable")


BROKEN_MAIL_SERVER = f"{__name__}.BrokenMailServer"


def person(name="Ann Example", email=None, **extra):
    """What a visitor types into the sign-up form, consent ticked."""
    first = name.split()[0].lower()
    return {
        "name": name,
        "email": email or f"{first}@example.org",
        "phone": "",
        "consent": "on",
        "website": "",
        **extra,
    }


def sign_up_url(event):
    return event.url + "sign-up/"


def text(response):
    """The page as a person reads it (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


def ics_of(message):
    """The calendar attached to an email, parsed (it must be exactly one .ics file)."""
    calendars = [a for a in message.attachments if a[0].endswith(".ics")]
    assert len(calendars) == 1, f"expected one .ics attachment, got {message.attachments!r}"
    filename, content, mimetype = calendars[0]
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content)


def mail_to(address):
    return [message for message in mail.outbox if address in message.to]


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST to a site, running what is queued on commit (the emails) as a real request's
    commit would."""

    def _post(client, path, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data or {})

    return _post


@pytest.fixture
def sign_up(post, clp_a):
    """A visitor (their own browser) signs up to an event of site A."""

    def _sign_up(event, name="Ann Example", email=None, client=None, **extra):
        client = client or client_for(clp_a)
        return post(client, sign_up_url(event), person(name, email, **extra))

    return _sign_up


@pytest.fixture
def stored(in_schema, clp_a):
    """The sign-ups stored in a site's schema (site A unless told), oldest first."""

    def _stored(constituency=None, **filters):
        with in_schema(constituency or clp_a):
            return list(EventSignup.objects.filter(**filters).order_by("created_at", "pk"))

    return _stored


@pytest.fixture
def event_a(clp_a, in_schema):
    with in_schema(clp_a):
        return add_event("Street stall on the high street", venue="Market Square")


@pytest.fixture
def small_event(clp_a, in_schema):
    """An event with two places."""
    with in_schema(clp_a):
        return add_event("Phone bank training", capacity=2)


def _by_name(signups):
    return {signup.name: signup.status for signup in signups}


# ---------------------------------------------------------------------------
# Signing up
# ---------------------------------------------------------------------------


def test_the_sign_up_form_asks_for_consent_in_plain_words(clp_a, event_a):
    response = client_for(clp_a).get(sign_up_url(event_a))
    page = text(response)
    assert response.status_code == 200
    assert "Sign up: Street stall on the high street" in page
    assert CONSENT in page
    for field in ("name", "email", "phone", "consent"):
        assert f'name="{field}"' in page


def test_a_visitor_signs_up_and_gets_a_confirmation_with_the_event_attached(
    clp_a, event_a, sign_up, stored
):
    visitor = client_for(clp_a)
    form_page = text(visitor.get(sign_up_url(event_a)))
    assert CONSENT in form_page
    response = sign_up(
        event_a, "Ann Example", "ann@example.org", client=visitor, phone="07700 900123"
    )

    assert response.status_code == 302
    assert response["Location"] == event_a.url
    event_page = text(visitor.get(response["Location"]))
    assert "You're signed up. We've emailed your confirmation" in event_page

    [signup] = stored()
    assert signup.name == "Ann Example"
    assert signup.email == "ann@example.org"
    assert signup.phone == "07700 900123"
    assert signup.status == CONFIRMED
    assert signup.consent_text == CONSENT

    [message] = mail.outbox
    assert message.to == ["ann@example.org"]
    assert "Street stall on the high street" in message.subject
    assert "Street stall on the high street" in message.body
    [cancel_link] = re.findall(r"https?://\S+/cancel/", message.body)
    assert urlsplit(cancel_link).hostname == clp_a.primary_domain
    assert urlsplit(cancel_link).path == f"/sign-ups/{signup.token}/cancel/"
    assert visitor.get(urlsplit(cancel_link).path).status_code == 200

    calendar = ics_of(message)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Street stall on the high street"
    assert str(vevent["UID"]) == f"event-{event_a.pk}@{clp_a.primary_domain}"
    assert vevent["DTSTART"].dt == event_a.starts_at.replace(microsecond=0)
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_the_calendar_in_the_email_has_the_same_uid_as_the_event_pages_ics(clp_a, event_a, sign_up):
    sign_up(event_a)
    [message] = mail.outbox
    [emailed] = ics_of(message).walk("VEVENT")
    download = client_for(clp_a).get(event_a.url + "ics/")
    [offered] = Calendar.from_ical(download.content).walk("VEVENT")
    assert (
        str(emailed["UID"]) == str(offered["UID"]) == f"event-{event_a.pk}@testford-north.localhost"
    )


@pytest.mark.parametrize(
    ("typed", "field", "error", "kept"),
    [
        (
            {"name": ""},
            "name",
            "This field is required.",
            ['value="ann@example.org"'],
        ),
        (
            {"email": "ann-at-example"},
            "email",
            "Enter a valid email address.",
            ['value="Ann Example"', 'value="ann-at-example"'],
        ),
        (
            {"consent": ""},
            "consent",
            "Tick the box to agree, or we can't take your sign-up.",
            ['value="Ann Example"', 'value="ann@example.org"'],
        ),
        # A form field allows 320 characters, the address's column holds 254.
        (
            {"email": email_of_length(255)},
            "email",
            "An email address can be at most 254 characters long.",
            ['value="Ann Example"', f'value="{email_of_length(255)}"'],
        ),
        (
            {"email": email_of_length(320)},
            "email",
            "An email address can be at most 254 characters long.",
            ['value="Ann Example"', f'value="{email_of_length(320)}"'],
        ),
    ],
    ids=["missing-name", "invalid-email", "no-consent", "email-255", "email-320"],
)
def test_bad_input_is_explained_what_was_typed_is_kept_and_nothing_is_saved(
    clp_a, event_a, post, stored, typed, field, error, kept
):
    data = {**person("Ann Example", "ann@example.org"), **typed}
    if not data["consent"]:
        del data["consent"]  # an unticked box is not sent at all
    response = post(client_for(clp_a), sign_up_url(event_a), data)
    page = text(response)
    assert response.status_code == 400
    assert "There is a problem" in page
    # The summary names the problem and leads to the field it is about.
    start = page.index("There is a problem")
    summary = page[start : page.index("</ul>", start)]
    assert f'href="#id_{field}"' in summary
    assert error in summary
    assert f'id="id_{field}"' in page
    assert 'aria-invalid="true"' in page
    for value in kept:
        assert value in page
    assert stored() == []
    assert mail.outbox == []


def test_signing_up_twice_keeps_one_place_and_reveals_nothing(clp_a, event_a, sign_up, stored):
    first_visitor = client_for(clp_a)
    first = sign_up(event_a, "Ann Example", "ann@example.org", client=first_visitor)
    first_message = text(first_visitor.get(first["Location"]))
    mail.outbox.clear()

    someone_else = client_for(clp_a)
    again = sign_up(event_a, "Ann Again", "ANN@Example.ORG", client=someone_else)
    assert again.status_code == 302  # what anyone signing up sees
    again_message = text(someone_else.get(again["Location"]))
    assert "We've emailed your confirmation" in first_message
    assert "We've emailed your confirmation" in again_message
    assert "already" not in again_message
    assert [s.name for s in stored()] == ["Ann Example"]
    # The address's owner is sent their place again (nobody else learns they have one).
    (reminder,) = mail.outbox
    assert reminder.to == ["ann@example.org"]
    assert reminder.subject.startswith("You're signed up")


def test_the_same_person_can_sign_up_to_two_different_events(
    clp_a, event_a, small_event, sign_up, stored
):
    sign_up(event_a, "Ann Example", "ann@example.org")
    sign_up(small_event, "Ann Example", "ann@example.org")
    assert {s.event_id for s in stored(email="ann@example.org")} == {event_a.pk, small_event.pk}


def test_a_bot_filling_the_hidden_field_is_thanked_but_nothing_is_kept(
    clp_a, event_a, post, stored
):
    bot = client_for(clp_a)
    response = post(bot, sign_up_url(event_a), person("Spam Bot", website="https://spam.test"))
    assert response.status_code == 302
    assert response["Location"] == event_a.url
    assert "Thank you: check your email" in text(bot.get(response["Location"]))
    assert stored() == []
    assert mail.outbox == []


def test_too_many_sign_ups_from_one_address_are_paused_without_losing_what_was_typed(
    clp_a, clp_b, event_a, sign_up, stored, in_schema, settings
):
    settings.SIGNUP_RATE_LIMIT = "2/h"
    assert sign_up(event_a, "Ann Example").status_code == 302
    assert sign_up(event_a, "Bob Example").status_code == 302

    paused = sign_up(event_a, "Cara Example", "cara@example.org", phone="07700 900456")
    page = text(paused)
    assert paused.status_code == 429
    assert "Too many attempts" in page
    assert 'value="Cara Example"' in page
    assert 'value="cara@example.org"' in page
    assert 'value="07700 900456"' in page
    assert [s.name for s in stored()] == ["Ann Example", "Bob Example"]

    # The limit is platform-wide: moving to another site's hostname doesn't reset it.
    with in_schema(clp_b):
        event_b = add_event("Canvassing in the south")
    response_b = client_for(clp_b).post(sign_up_url(event_b), person("Cara Example"))
    assert response_b.status_code == 429
    assert stored(clp_b) == []


# ---------------------------------------------------------------------------
# Places and the waiting list
# ---------------------------------------------------------------------------


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
    assert "This event is full, so you're on the waiting list." in event_page
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


# ---------------------------------------------------------------------------
# Closed sign-ups
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [{"signups_open": False}, {"starts_in_days": -3}],
    ids=["sign-ups-turned-off", "event-in-the-past"],
)
def test_an_event_not_taking_sign_ups_says_so_and_takes_none(
    clp_a, in_schema, post, stored, fields
):
    with in_schema(clp_a):
        event = add_event("Annual general meeting", **fields)

    form_page = client_for(clp_a).get(sign_up_url(event))
    assert "Sign-ups for this event are closed." in text(form_page)
    assert 'name="email"' not in text(form_page)
    event_page = text(client_for(clp_a).get(event.url))
    assert sign_up_url(event) not in event_page

    response = post(client_for(clp_a), sign_up_url(event), person("Ann Example"))
    assert response.status_code == 400
    assert "Sign-ups for this event are closed." in text(response)
    assert stored() == []
    assert mail.outbox == []


# ---------------------------------------------------------------------------
# Emails when the mail server is down
# ---------------------------------------------------------------------------


def test_a_sign_up_is_kept_when_the_mail_server_is_down_and_emailed_once_it_is_back(
    clp_a, event_a, in_schema, post, stored, settings
):
    settings.EMAIL_BACKEND = BROKEN_MAIL_SERVER
    visitor = client_for(clp_a)
    response = post(visitor, sign_up_url(event_a), person("Ann Example", "ann@example.org"))

    assert response.status_code == 302
    assert "You're signed up." in text(visitor.get(response["Location"]))
    [signup] = stored()
    assert signup.status == CONFIRMED
    assert mail.outbox == []

    settings.EMAIL_BACKEND = LOCMEM
    with in_schema(clp_a):
        assert relay_due() == 0  # the retry is not due for a minute
        assert run_outbox_sweep(minutes_later=5) == 1
    [message] = mail.outbox
    assert message.to == ["ann@example.org"]
    assert "Street stall on the high street" in message.subject
    assert ics_of(message).walk("VEVENT")

    with in_schema(clp_a):
        assert run_outbox_sweep(minutes_later=5) == 0
    assert len(mail.outbox) == 1


# ---------------------------------------------------------------------------
# Retention
# ---------------------------------------------------------------------------


def test_sign_ups_are_kept_until_a_set_time_after_the_event_then_deleted(clp_a, in_schema, stored):
    with in_schema(clp_a):
        old = add_event("Spring barbecue")
        recent = add_event("Autumn barbecue", starts_in_days=30)
        for event in (old, recent):
            places.sign_up(event, name="Ann Example", email="ann@example.org", consent=CONSENT)
            places.sign_up(event, name="Bob Example", email="bob@example.org", consent=CONSENT)

    kept_for = dt.timedelta(days=django_settings.PERSONAL_DATA_RETENTION_DAYS)
    with in_schema(clp_a):
        for signup in EventSignup.objects.select_related("event"):
            assert signup.retain_until == signup.event.ends_at + kept_for

    # Time passes for the first event's sign-ups: their retention date goes by.
    with in_schema(clp_a):
        assert purge_expired_personal_data.delay().get()["signups"] == 0
        EventSignup.objects.filter(event=old).update(
            retain_until=timezone.now() - dt.timedelta(minutes=1)
        )
        result = purge_expired_personal_data.delay().get()

    assert result["signups"] == 2
    remaining = stored()
    assert {s.event_id for s in remaining} == {recent.pk}
    assert sorted(s.name for s in remaining) == ["Ann Example", "Bob Example"]


def test_the_purge_keeps_sign_ups_of_other_constituencies(clp_a, clp_b, in_schema, stored):
    with in_schema(clp_b):
        event_b = add_event("Welsh day school")
        places.sign_up(event_b, name="Bob Example", email="bob@example.org", consent="ok")
        EventSignup.objects.update(retain_until=timezone.now() - dt.timedelta(minutes=1))
    with in_schema(clp_a):
        purge_expired_personal_data.delay().get()
    assert [s.name for s in stored(clp_b)] == ["Bob Example"]


# ---------------------------------------------------------------------------
# Officers and the admin
# ---------------------------------------------------------------------------


def test_officers_see_who_signed_up_in_their_admin(clp_a, event_a, officer_a, sign_up):
    sign_up(event_a, "Ann Example", "ann@example.org")
    response = client_for(clp_a, officer_a).get(ADMIN_SIGNUPS)
    page = text(response)
    assert response.status_code == 200
    assert "Ann Example" in page
    assert "ann@example.org" in page
    assert "Street stall on the high street" in page


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
        "Status",
        "Signed up",
        "Consent text",
    ]
    [row] = rows[1:]
    assert row[:4] == [
        "Ann Example",
        "ann@example.org",
        "07700 900123",
        "Street stall on the high street",
    ]
    assert row[4] == "Confirmed"
    assert abs(dt.datetime.fromisoformat(row[5]) - timezone.now()) < dt.timedelta(minutes=5)
    assert row[6] == CONSENT


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


# ---------------------------------------------------------------------------
# Two tenants
# ---------------------------------------------------------------------------


def test_a_sign_up_on_one_site_cannot_be_seen_or_cancelled_from_another(
    clp_a, clp_b, event_a, sign_up, stored, in_schema, post
):
    sign_up(event_a, "Ann Example", "ann@example.org")
    [ann] = stored()
    with in_schema(clp_b):
        assert not EventSignup.objects.filter(email="ann@example.org").exists()
        assert not EventSignup.objects.filter(token=ann.token).exists()

    cancel_path = f"/sign-ups/{ann.token}/cancel/"
    assert client_for(clp_b).get(cancel_path).status_code == 404
    assert post(client_for(clp_b), cancel_path).status_code == 404
    [ann] = stored()
    assert ann.status == CONFIRMED
    assert client_for(clp_a).get(cancel_path).status_code == 200


def test_an_unknown_cancel_link_is_not_found(clp_a):
    assert client_for(clp_a).get("/sign-ups/not-a-real-token/cancel/").status_code == 404


def test_the_cancel_page_names_the_person_and_is_never_cached(clp_a, event_a, sign_up, stored):
    sign_up(event_a, "Ann Example", "ann@example.org")
    [signup] = stored()
    path = f"/sign-ups/{signup.token}/cancel/"
    client_for(clp_a).post(path)
    first = client_for(clp_a).get(path)
    second = client_for(clp_a).get(path)
    assert "no-store" in first["Cache-Control"]
    assert "X-Page-Cache" not in second.headers
    assert "This place is cancelled" in second.content.decode()


def test_a_name_typed_as_a_formula_stays_text_in_the_export(clp_a, event_a, officer_a, sign_up):
    sign_up(event_a, '=HYPERLINK("http://evil.example")', "formula@example.org")
    response = client_for(clp_a, officer_a).get(ADMIN_SIGNUPS, {"export": "csv"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[1][0].startswith("'=HYPERLINK")


def test_a_phone_number_must_look_like_one(clp_a, event_a, sign_up, stored):
    response = sign_up(event_a, "Ann Example", "ann@example.org", phone="=1+2")
    assert response.status_code == 400
    assert "Enter a phone number" in response.content.decode()
    assert stored() == []


# Cancelling places and deleting events in the admin


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
