"""Queueing an email: store it, and hand it to a worker once the transaction commits."""

from django.core.mail import EmailMessage

from labourhub.celery import enqueue_after_commit
from outbox.models import OutgoingEmail
from outbox.tasks import deliver_email


def queue_email(
    message: EmailMessage, *, about: str = "", about_id: int | None = None
) -> OutgoingEmail:
    """Store `message` in this schema's outbox, in the caller's transaction, and send it
    to a worker after commit. If the broker is down the email waits, stored, for the
    sweep (outbox.tasks.relay_due); the caller never waits on the broker."""
    email = OutgoingEmail.from_message(message, about=about, about_id=about_id)
    email.save()
    enqueue_after_commit(deliver_email, email.pk)
    return email
