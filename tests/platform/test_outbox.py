"""Every email goes through the outbox: stored with what it is about, sent once, retried
when the mail server fails, taken back from a worker that stopped, never sent twice."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from outbox.delivery import deliver, is_permanent, retry_delay
from outbox.models import OutgoingEmail
from outbox.queueing import queue_email
from outbox.tasks import relay_due, relay_due_emails
from personal_data.retention import apply_retention
from tests.helpers import run_outbox_sweep

State = OutgoingEmail.State
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class RefusingMailServer(BaseEmailBackend):
    """A mail server that refuses every recipient with the code in `code`."""

    code = 451

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused(
            {"someone@example.org": (self.code, b"mailbox unavailable")}
        )


class PermanentlyRefusingMailServer(RefusingMailServer):
    code = 550


class CountingMailServer(BaseEmailBackend):
    """Records every Message-ID handed to it."""

    sent: list = []

    def send_messages(self, email_messages):
        for message in email_messages:
            CountingMailServer.sent.append(message.message()["Message-ID"])
        return len(email_messages)


@pytest.fixture
def queued(django_capture_on_commit_callbacks):
    """Queue an email as a request would: in a transaction, handed on once it commits."""

    def queue(subject="Hello") -> OutgoingEmail:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            return queue_email(
                EmailMessage(
                    subject=subject,
                    body="Body text",
                    to=["someone@example.org"],
                    cc=["copy@example.org"],
                    reply_to=["Sender <sender@example.org>"],
                    headers={"List-Unsubscribe": "<https://example.org/stop>"},
                ),
                about="test.hello",
            )

    return queue


def test_an_email_is_stored_then_sent_once_with_everything_it_was_given(db, mailoutbox, queued):
    email = queued()
    email.refresh_from_db()
    assert email.state == State.SENT
    assert email.attempts == 1
    assert email.sent_at is not None
    [sent] = mailoutbox
    assert (sent.subject, sent.body, sent.to, sent.cc) == (
        "Hello",
        "Body text",
        ["someone@example.org"],
        ["copy@example.org"],
    )
    assert sent.reply_to == ["Sender <sender@example.org>"]
    message = sent.message()
    assert message["Message-ID"] == email.message_id
    assert message["List-Unsubscribe"] == "<https://example.org/stop>"

    assert deliver(email.pk) == "already sent"  # the task delivered again by the broker
    assert len(mailoutbox) == 1


def test_a_transaction_that_fails_leaves_no_email_behind(db, mailoutbox):
    @transaction.atomic
    def about_something_that_fails():
        queue_email(EmailMessage(subject="Never", body="x", to=["a@example.org"]))
        raise RuntimeError("the thing the email was about was not saved")

    with pytest.raises(RuntimeError):
        about_something_that_fails()
    assert not OutgoingEmail.objects.exists()
    assert mailoutbox == []


def test_a_mail_server_that_is_down_gets_the_email_later_with_the_same_message_id(
    db, settings, queued
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    email = queued()
    email.refresh_from_db()
    assert email.state == State.QUEUED
    assert email.attempts == 1
    assert "451" in email.last_error
    assert email.next_attempt_at > timezone.now()
    assert relay_due() == 0  # not due for a minute

    settings.EMAIL_BACKEND = f"{__name__}.CountingMailServer"
    CountingMailServer.sent = []
    assert run_outbox_sweep(minutes_later=2) == 1
    email.refresh_from_db()
    assert email.state == State.SENT
    assert email.attempts == 2
    assert CountingMailServer.sent == [email.message_id]


def test_an_address_the_mail_server_refuses_for_good_is_not_retried(db, settings, caplog, queued):
    settings.EMAIL_BACKEND = f"{__name__}.PermanentlyRefusingMailServer"
    email = queued()
    email.refresh_from_db()
    assert email.state == State.FAILED
    assert "550" in email.last_error
    assert run_outbox_sweep(minutes_later=60) == 0
    assert "gave up on email" in caplog.text


def test_retries_back_off_and_stop_after_the_last_attempt(db, settings, queued):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    settings.OUTBOX_MAX_ATTEMPTS = 3
    email = queued()
    for _ in range(2):
        run_outbox_sweep(minutes_later=240)
    email.refresh_from_db()
    assert email.attempts == 3
    assert email.state == State.FAILED
    assert [retry_delay(n) for n in (1, 2, 3, 10, 12)] == [
        dt.timedelta(minutes=1),
        dt.timedelta(minutes=2),
        dt.timedelta(minutes=4),
        dt.timedelta(hours=3),
        dt.timedelta(hours=3),
    ]


def test_temporary_and_permanent_refusals_are_told_apart():
    assert not is_permanent(smtplib.SMTPRecipientsRefused({"a@x": (451, b"later")}))
    assert is_permanent(smtplib.SMTPRecipientsRefused({"a@x": (550, b"no such user")}))
    assert is_permanent(smtplib.SMTPDataError(554, b"rejected"))
    assert not is_permanent(smtplib.SMTPServerDisconnected("gone"))
    assert not is_permanent(ConnectionRefusedError())


def test_a_claim_left_by_a_worker_that_stopped_is_taken_back_and_sent(db, mailoutbox):
    with transaction.atomic():
        email = OutgoingEmail.from_message(
            EmailMessage(subject="Claimed", body="x", to=["a@example.org"])
        )
        email.state, email.claimed_at, email.attempts = State.SENDING, timezone.now(), 1
        email.save()
    assert relay_due() == 0  # a worker may still be sending it
    assert deliver(email.pk) == "already sending"
    assert mailoutbox == []

    assert run_outbox_sweep(minutes_later=10) == 1
    email.refresh_from_db()
    assert email.state == State.SENT
    assert email.attempts == 2
    assert [sent.subject for sent in mailoutbox] == ["Claimed"]


def test_finished_emails_are_deleted_by_retention_after_thirty_days(db, mailoutbox, queued):
    old, recent, waiting = queued(subject="Old"), queued(subject="Recent"), queued(subject="Due")
    month_ago = timezone.now() - dt.timedelta(days=31)
    OutgoingEmail.objects.filter(pk=old.pk).update(queued_at=month_ago, sent_at=month_ago)
    # Not sent yet, however old: kept until it is sent or given up.
    OutgoingEmail.objects.filter(pk=waiting.pk).update(
        queued_at=month_ago, sent_at=None, state=OutgoingEmail.State.QUEUED
    )
    apply_retention()
    assert set(OutgoingEmail.objects.values_list("subject", flat=True)) == {"Recent", "Due"}
    assert recent.pk


def test_the_sweep_covers_the_hub_and_every_constituency(
    clp_a, clp_b, in_schema, settings, mailoutbox, queued
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    queued(subject="From the hub")
    with in_schema(clp_b):
        queued(subject="From B")
    settings.EMAIL_BACKEND = LOCMEM
    for schema in (None, clp_b):
        if schema is None:
            OutgoingEmail.objects.update(next_attempt_at=timezone.now() - dt.timedelta(hours=1))
        else:
            with in_schema(schema):
                OutgoingEmail.objects.update(next_attempt_at=timezone.now() - dt.timedelta(hours=1))
    relayed = relay_due_emails.delay().get()
    assert relayed == {"public": 1, clp_b.schema_name: 1}
    assert sorted(message.subject for message in mail.outbox) == ["From B", "From the hub"]
    with in_schema(clp_a):  # neither email strayed into another constituency's outbox
        assert not OutgoingEmail.objects.filter(subject__in=["From B", "From the hub"]).exists()
