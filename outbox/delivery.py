"""Delivering a stored email: claim it, send it, record what happened; and the sweep
that hands workers the emails nobody is sending.

The claim (queued → sending) commits before the mail server is spoken to, and the
result commits as soon as it answers. A worker killed in between leaves a claim that
the sweep takes back after OUTBOX_CLAIM_SECONDS and sends again, with the same
Message-ID: nothing is lost, and the one way to send twice is a kill in the moment
between the mail server accepting the email and the "sent" row committing.
"""

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from .models import OutgoingEmail
from .signals import email_sent

logger = logging.getLogger(__name__)

State = OutgoingEmail.State

# Before this, a just-queued email is left to the worker its own request sent it to.
RELAY_GRACE = dt.timedelta(seconds=30)
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_RETRY = dt.timedelta(hours=3)


def deliver(email_id: int) -> str:
    """Send one queued email if it is due and nobody else is sending it. Returns what
    happened, for the task's log."""
    email = _claim(email_id)
    if isinstance(email, str):
        return email
    mail_server = get_connection()
    try:
        mail_server.open()
        email.as_message(connection=mail_server).send()
    except Exception as error:  # noqa: BLE001 - every failure is recorded on the row
        _hang_up(mail_server)
        return _record_failure(email, error)
    # Recorded as soon as the mail server has accepted it, before saying goodbye: the
    # moment in which a killed worker would leave an email sent but not marked is kept
    # to this one short transaction.
    email.state, email.sent_at = State.SENT, timezone.now()
    with transaction.atomic():
        OutgoingEmail.objects.filter(pk=email.pk, state=State.SENDING).update(
            state=email.state, sent_at=email.sent_at, last_error=""
        )
        email_sent.send(sender=OutgoingEmail, email=email)
    _hang_up(mail_server)
    return "sent"


def _hang_up(mail_server) -> None:
    try:
        mail_server.close()
    except Exception:  # noqa: BLE001 - the email's fate is already recorded
        logger.info("the mail server connection did not close cleanly", exc_info=True)


def _claim(email_id: int) -> OutgoingEmail | str:
    now = timezone.now()
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id)
        email = email.first()
        if email is None:
            return "gone, or being claimed by another worker"
        if email.state != State.QUEUED:
            return f"already {email.state}"
        if email.next_attempt_at > now:
            return "not due yet"
        email.state = State.SENDING
        email.claimed_at = now
        email.attempts += 1
        email.save(update_fields=["state", "claimed_at", "attempts"])
    return email


def is_permanent(error: Exception) -> bool:
    """A refusal the mail server will repeat (5xx), as opposed to one worth retrying."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def retry_delay(attempts: int) -> dt.timedelta:
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


def _record_failure(email: OutgoingEmail, error: Exception) -> str:
    now = timezone.now()
    description = f"{type(error).__name__}: {error}"[:2000]
    gives_up = is_permanent(error) or email.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    if gives_up:
        changes = {"state": State.FAILED}
        logger.error(
            "gave up on email %s (%s) after %d attempts: %s",
            email.pk,
            email.about,
            email.attempts,
            description,
        )
    else:
        changes = {"state": State.QUEUED, "next_attempt_at": now + retry_delay(email.attempts)}
        logger.warning("email %s (%s) will be retried: %s", email.pk, email.about, description)
    OutgoingEmail.objects.filter(pk=email.pk, state=State.SENDING).update(
        last_error=description, **changes
    )
    return "failed" if gives_up else "will retry"
