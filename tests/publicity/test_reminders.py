"""Reminders to publicise key events that have not been."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from governance.models import KeyEventRecord
from publicity.tasks import remind_unpublicised_key_events
from roles.models import Role
from tests.factories import add_event, make_officer
from tests.helpers import client_for, run_outbox_sweep

from .shared import kit_url, record_of, register, tick_url


@pytest.fixture
def remind(in_schema, django_capture_on_commit_callbacks):
    def _remind(constituency):
        with in_schema(constituency), django_capture_on_commit_callbacks(execute=True):
            return remind_unpublicised_key_events.delay().get()

    return _remind


def test_an_unpublicised_key_event_within_two_weeks_is_reminded_to_the_designated_administrators(
    clp_a, in_schema, officer_a, editor_a, remind, items_of
):
    smo = make_officer(clp_a, Role.SOCIAL_MEDIA_OFFICER, email="smo.a@example.org")
    register(clp_a)
    with in_schema(clp_a):
        event = add_event("Meet your candidate", starts_in_days=14, is_key_event=True)
    client_for(clp_a, officer_a).get(kit_url(event))
    client_for(clp_a, officer_a).post(
        tick_url(event, items_of(event)["Posted on X (Twitter) @TestfordNorthLab"]), {"done": "1"}
    )

    assert remind(clp_a) == 1

    [message] = mail.outbox
    assert sorted(message.to) == ["secretary.a@example.org", smo.email]
    assert "Meet your candidate" in message.subject
    assert "Sent to members by email" in message.body
    assert "Posted on X" not in message.body  # done already
    assert f"http://testford-north.localhost/admin/publicity/{event.pk}/" in message.body
    assert record_of(clp_a, event).last_reminded_on == timezone.localdate()


def test_a_finished_checklist_or_a_distant_or_past_event_gets_no_reminder(
    clp_a, in_schema, officer_a, remind, items_of
):
    with in_schema(clp_a):
        done = add_event("All publicised", starts_in_days=3, is_key_event=True)
        add_event("Far off", starts_in_days=15, is_key_event=True)
        add_event("Over", starts_in_days=-1, is_key_event=True)
        add_event("Not key", starts_in_days=3)
    client_for(clp_a, officer_a).get(kit_url(done))
    for item in items_of(done).values():
        client_for(clp_a, officer_a).post(tick_url(done, item), {"done": "1"})

    assert remind(clp_a) == 0
    assert mail.outbox == []


def test_a_reminder_goes_at_most_once_a_day_per_event(clp_a, in_schema, officer_a, remind):
    with in_schema(clp_a):
        event = add_event("Meet your candidate", starts_in_days=5, is_key_event=True)

    assert remind(clp_a) == 1
    assert remind(clp_a) == 0
    assert len(mail.outbox) == 1

    # The next day, it is still not publicised: another reminder.
    KeyEventRecord.objects.filter(constituency=clp_a, event_id=event.pk).update(
        last_reminded_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert remind(clp_a) == 1
    assert len(mail.outbox) == 2
    assert remind(clp_a) == 0
    assert len(mail.outbox) == 2


def test_a_suspended_sites_officers_are_not_reminded(clp_a, in_schema, officer_a, remind):
    with in_schema(clp_a):
        add_event("Meet your candidate", starts_in_days=5, is_key_event=True)
    clp_a.suspend()
    assert remind(clp_a) == 0
    assert mail.outbox == []


def test_each_event_is_reminded_about_separately(clp_a, in_schema, officer_a, remind):
    with in_schema(clp_a):
        add_event("First rally", starts_in_days=2, is_key_event=True)
        add_event("Second rally", starts_in_days=9, is_key_event=True)
    assert remind(clp_a) == 2
    assert sorted(m.subject for m in mail.outbox) == [
        "Not yet publicised: First rally",
        "Not yet publicised: Second rally",
    ]


def test_a_constituency_without_designated_administrators_has_central_staff_reminded(
    clp_b, in_schema, staff_user, remind
):
    editor_b = make_officer(clp_b, Role.EDITOR, email="editor.b@example.org")
    with in_schema(clp_b):
        add_event("Southern rally", starts_in_days=4, is_key_event=True)
    assert remind(clp_b) == 1
    [message] = mail.outbox
    assert staff_user.email in message.to
    assert editor_b.email not in message.to


def test_a_reminder_the_mail_server_refused_is_sent_when_it_is_back_and_only_once(
    clp_a, in_schema, officer_a, remind, settings
):
    with in_schema(clp_a):
        event = add_event("Meet your candidate", starts_in_days=5, is_key_event=True)
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    assert remind(clp_a) == 1
    assert mail.outbox == []
    assert record_of(clp_a, event).last_reminded_on is not None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert remind(clp_a) == 0  # today's reminder is in the outbox already
    with in_schema(clp_a):
        assert run_outbox_sweep(minutes_later=5) == 1
    [message] = mail.outbox
    assert officer_a.email in message.to
