import datetime as dt
import smtplib

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from labourhub.celery import ConstituencyTask, app

from .models import ContactMessage
from .notifications import confirmation_request, delivery

SWEEP_AFTER = dt.timedelta(minutes=2)
# Past this, a message whose email keeps failing (a refused address) is left alone
# rather than retried for ever.
SWEEP_WITHIN = dt.timedelta(days=2)


@app.task(
    base=ConstituencyTask,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=60 * 30,
    max_retries=8,
)
def send_contact_email(message_id: int) -> str:
    """Send whatever a message needs next: the request to confirm, or its delivery."""
    with transaction.atomic():
        message = ContactMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None:
            return "gone"
        now = timezone.now()
        if message.status == ContactMessage.Status.AWAITING_CONFIRMATION:
            if message.confirmation_sent_at:
                return "confirmation already sent"
            confirmation_request(message).send()
            message.confirmation_sent_at = now
            message.save(update_fields=["confirmation_sent_at"])
            return "confirmation sent"
        if message.status == ContactMessage.Status.CONFIRMED:
            delivery(message).send()
            message.status = ContactMessage.Status.DELIVERED
            message.delivered_at = now
            message.save(update_fields=["status", "delivered_at"])
            return "delivered"
    return "nothing to send"


@app.task(base=ConstituencyTask)
def send_unsent_contact_emails() -> int:
    """Queue the emails that never went (broker or mail server down at the time)."""
    now = timezone.now()
    cutoff, oldest = now - SWEEP_AFTER, now - SWEEP_WITHIN
    stale = ContactMessage.objects.awaiting_email().filter(
        Q(confirmed_at__lt=cutoff, confirmed_at__gt=oldest)
        | Q(confirmed_at=None, created_at__lt=cutoff, created_at__gt=oldest)
    )
    ids = list(stale.values_list("pk", flat=True))
    for message_id in ids:
        send_contact_email.delay(message_id)
    return len(ids)
