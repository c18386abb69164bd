"""The day-before reminder: at 9am, people with a confirmed place at an event starting the
next day are emailed its details and how to cancel, once, whatever reruns, overlapping
workers or a mail server that is down."""

import datetime as dt
import html
import threading
import zoneinfo

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from constituencies.models import Constituency
from constituencies.signups.models import EventShift, EventSignup
from constituencies.signups.reminders import due_reminders, send_reminders
from constituencies.signups.tasks import send_event_reminders
from constituencies.tasks import run_for_every_constituency
from constituencies.website.models import EventPage
from labourhub.celery import app
from outbox.models import OutgoingEmail
from tests.factories import add_event
from tests.helpers import run_outbox_sweep

from .shared import BROKEN_MAIL_SERVER, CANCELLED, CONFIRMED, LOCMEM, WAITLISTED, mail_to

UK = zoneinfo.ZoneInfo("Europe/London")
# A Thursday morning; "tomorrow" is Friday 11 December 2026.
NINE_AM = dt.datetime(2026, 12, 10, 9, 0, tzinfo=UK)
TASK = "constituencies.signups.tasks.send_event_reminders"


@pytest.fixture
def at_nine(time_machine):
    time_machine.move_to(NINE_AM, tick=False)
    return NINE_AM


def _event(title, starts_at, **fields):
    event = add_event(title, **fields)
    EventPage.objects.filter(pk=event.pk).update(
        starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=2)
    )
    event.refresh_from_db()
    return event


def _signup(event, name, status=CONFIRMED, **fields):
    first = name.split()[0].lower()
    return EventSignup.objects.create(
        event=event,
        name=name,
        email=f"{first}@example.org",
        consent_text="I agree.",
        status=status,
        retain_until=event.starts_at + dt.timedelta(days=365),
        **{"confirmed_at": timezone.now(), **fields},
    )


@pytest.fixture
def tomorrows_stall(clp_a, in_schema, at_nine):
    with in_schema(clp_a):
        return _event(
            "Street stall on the high street",
            dt.datetime(2026, 12, 11, 10, 30, tzinfo=UK),
            venue="Market Square",
            postcode="TF1 1AA",
            accessibility_notes="Step-free; seats available.",
        )


@pytest.fixture
def remind(django_capture_on_commit_callbacks, in_schema, clp_a):
    """Run the reminders in a site's schema (A unless told), sending what they queue."""

    def _remind(constituency=None):
        with in_schema(constituency or clp_a), django_capture_on_commit_callbacks(execute=True):
            return send_reminders()

    return _remind


def test_confirmed_places_at_tomorrows_events_are_reminded_once(
    clp_a, in_schema, tomorrows_stall, remind
):
    with in_schema(clp_a):
        ann = _signup(tomorrows_stall, "Ann Example", phone="07700 900123")
        _signup(tomorrows_stall, "Wendy Waiting", WAITLISTED)
        _signup(tomorrows_stall, "Carl Cancelled", CANCELLED)
        late_evening = _event("Late meeting", dt.datetime(2026, 12, 11, 23, 30, tzinfo=UK))
        _signup(late_evening, "Lucy Late")

    assert remind() == 2
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "ann@example.org",
        "lucy@example.org",
    ]
    with in_schema(clp_a):
        ann.refresh_from_db()
        assert ann.reminded_at == NINE_AM
        assert not due_reminders().exists()

    assert remind() == 0  # run again, or the next morning: nothing twice
    assert len(mail.outbox) == 2


def test_an_event_moved_after_its_reminder_is_reminded_again_before_its_new_date(
    clp_a, in_schema, tomorrows_stall, remind, time_machine
):
    with in_schema(clp_a):
        _signup(tomorrows_stall, "Ann Example")
    assert remind() == 1
    with in_schema(clp_a):
        EventPage.objects.filter(pk=tomorrows_stall.pk).update(
            starts_at=dt.datetime(2026, 12, 18, 10, 30, tzinfo=UK)
        )
    time_machine.move_to(NINE_AM.replace(hour=18), tick=False)
    assert remind() == 0
    time_machine.move_to(NINE_AM + dt.timedelta(days=7), tick=False)
    assert remind() == 1
    assert remind() == 0
    assert [message.subject for message in mail_to("ann@example.org")] == [
        "Tomorrow: Street stall on the high street"
    ] * 2


def test_the_reminder_carries_the_details_calendar_and_cancel_links(
    clp_a, in_schema, tomorrows_stall, remind
):
    with in_schema(clp_a):
        ann = _signup(tomorrows_stall, "Ann O'Brien <b>")
    remind()
    [message] = mail_to("ann@example.org")
    [(page, _)] = message.alternatives
    event_url = clp_a.url_for(path="/events/street-stall-on-the-high-street/")
    cancel_url = clp_a.url_for(path=f"/sign-ups/{ann.token}/cancel/")

    assert message.subject == "Tomorrow: Street stall on the high street"
    assert message.from_email.startswith("Testford North Labour <")
    for version in (message.body, html.unescape(page)):
        assert "Hello Ann O'Brien <b>," in version
        assert "Friday 11 December 2026, 10:30am to 12:30pm" in version
        assert "Market Square" in version
        assert "https://www.openstreetmap.org/search?query=Market+Square%2C+TF1+1AA" in version
        assert "Step-free; seats available." in version
        assert event_url + "ics/" in version
        assert cancel_url in version
    assert "Ann O&#x27;Brien &lt;b&gt;" in page
    assert "SMS" not in message.body  # a phone number changes nothing: no text messages


def test_no_reminder_for_events_today_past_later_or_unpublished(clp_a, in_schema, at_nine, remind):
    with in_schema(clp_a):
        for title, starts_at in [
            ("This evening", dt.datetime(2026, 12, 10, 19, 0, tzinfo=UK)),
            ("Yesterday", dt.datetime(2026, 12, 9, 19, 0, tzinfo=UK)),
            ("Saturday", dt.datetime(2026, 12, 12, 0, 0, tzinfo=UK)),
            ("Next week", dt.datetime(2026, 12, 17, 10, 0, tzinfo=UK)),
        ]:
            _signup(_event(title, starts_at), f"{title.split()[0]} Person")
        withdrawn = _event("Withdrawn", dt.datetime(2026, 12, 11, 10, 0, tzinfo=UK))
        _signup(withdrawn, "Walt Withdrawn")
        withdrawn.unpublish()

    assert remind() == 0
    assert mail.outbox == []


def test_each_constituency_reminds_only_its_own_people(
    clp_a, clp_b, in_schema, tomorrows_stall, remind, django_capture_on_commit_callbacks
):
    with in_schema(clp_a):
        _signup(tomorrows_stall, "Ann Example")
    with in_schema(clp_b):
        b_event = _event("Stall in the south", dt.datetime(2026, 12, 11, 11, 0, tzinfo=UK))
        _signup(b_event, "Bob Example")

    assert remind(clp_a) == 1
    assert [message.to for message in mail.outbox] == [["ann@example.org"]]
    with in_schema(clp_b):
        assert [s.name for s in due_reminders()] == ["Bob Example"]

    with django_capture_on_commit_callbacks(execute=True):  # as beat sends it
        run_for_every_constituency(TASK)
    [to_bob] = mail_to("bob@example.org")
    assert to_bob.from_email.startswith("Testford South Labour <")
    assert len(mail_to("ann@example.org")) == 1


def test_a_reminder_survives_a_mail_server_that_is_down(
    clp_a, in_schema, tomorrows_stall, remind, settings
):
    with in_schema(clp_a):
        _signup(tomorrows_stall, "Ann Example")
    settings.EMAIL_BACKEND = BROKEN_MAIL_SERVER
    assert remind() == 1
    assert mail.outbox == []

    settings.EMAIL_BACKEND = LOCMEM
    assert remind() == 0  # stored already: the outbox retries it, not the reminders
    with in_schema(clp_a):
        assert run_outbox_sweep(minutes_later=5) == 1
    [message] = mail.outbox
    assert message.subject == "Tomorrow: Street stall on the high street"
    [(page, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Street stall on the high street" in page


def test_each_reminder_costs_a_claim_and_a_stored_email(
    clp_a,
    in_schema,
    tomorrows_stall,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    people = 8
    with in_schema(clp_a):
        for number in range(people):
            _signup(tomorrows_stall, f"Person{number} Example")
        # The site, its settings and the list once; then per person a savepoint, the
        # claim, the email and the release.
        with django_capture_on_commit_callbacks(), django_assert_max_num_queries(6 + 4 * people):
            assert send_reminders() == people


def test_beat_sends_the_reminders_to_every_constituency_at_nine():
    app.loader.import_default_modules()
    entry = app.conf.beat_schedule["event-reminders"]
    assert entry["task"] == "constituencies.tasks.run_for_every_constituency"
    assert entry["args"] == [TASK] == [send_event_reminders.name]
    assert entry["schedule"].hour == {9}
    assert entry["schedule"].minute == {0}


def test_two_workers_reminding_at_once_send_each_reminder_once(
    django_db_setup, committed, time_machine
):
    """Two workers (own database connections) run the reminders of one site at the same
    moment: each sign-up is reminded by one of them. No `db`: the threads cannot see a
    test transaction, so what they read is committed and deleted afterwards."""
    time_machine.move_to(NINE_AM, tick=False)
    people = 6
    with committed():
        clp_a = Constituency.objects.get(gss_code="E14999901")
        with schema_context(clp_a.schema_name):
            event = committed.cleanup(
                _event("Rally in the park", dt.datetime(2026, 12, 11, 14, 0, tzinfo=UK))
            )
            for number in range(people):
                _signup(event, f"Person{number} Example")

        def delete_reminders():
            with schema_context(clp_a.schema_name):
                OutgoingEmail.objects.filter(about="signups.reminder").delete()

        committed.defer(delete_reminders)
        barrier = threading.Barrier(2)
        counts, errors = [], []

        def worker():
            try:
                with schema_context(clp_a.schema_name):
                    barrier.wait(timeout=30)
                    counts.append(send_reminders())
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert errors == []
        assert sum(counts) == people
        with schema_context(clp_a.schema_name):
            signups = EventSignup.objects.filter(event_id=event.pk).values_list("pk", flat=True)
            queued = OutgoingEmail.objects.filter(about="signups.reminder", about_id__in=signups)
            assert sorted(queued.values_list("about_id", flat=True)) == sorted(signups)
            assert not due_reminders(timezone.now()).exists()


def test_a_place_on_a_shift_is_reminded_the_day_before_that_shift(
    clp_a, in_schema, at_nine, remind
):
    with in_schema(clp_a):
        # A two-day activity starting today: its second day's shift is tomorrow.
        event = _event("Weekend of action", dt.datetime(2026, 12, 10, 18, 0, tzinfo=UK))
        today, tomorrow = (
            EventShift.objects.create(
                event=event,
                sort_order=number,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                capacity=5,
            )
            for number, starts in enumerate(
                (
                    dt.datetime(2026, 12, 10, 18, 0, tzinfo=UK),
                    dt.datetime(2026, 12, 11, 10, 0, tzinfo=UK),
                )
            )
        )
        _signup(event, "Tess Today", shift=today)
        _signup(event, "Tom Tomorrow", shift=tomorrow)

    assert remind() == 1
    (message,) = mail.outbox
    assert message.to == ["tom@example.org"]
    assert tomorrow.when in message.body


def test_a_suspended_sites_people_are_not_reminded_until_it_is_back(
    clp_a, in_schema, tomorrows_stall, remind
):
    with in_schema(clp_a):
        _signup(tomorrows_stall, "Ann Example")
    clp_a.suspend()  # its pages, the reminder's links among them, are offline
    assert remind() == 0
    assert mail.outbox == []
    clp_a.reactivate()
    assert remind() == 1
    assert [message.to for message in mail.outbox] == [["ann@example.org"]]
