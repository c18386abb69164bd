import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, get_tenant_model, schema_context

from outbox.delivery import RELAY_GRACE, State, deliver
from outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)


@shared_task
def deliver_email(email_id: int) -> str:
    """Send one email from the outbox of the schema it was queued in."""
    return deliver(email_id)


def relay_due(now=None) -> int:
    """In the current schema: take back abandoned claims and hand every due email to a
    worker (finished emails go after their retention period: personal_data.retention).
    Returns how many were handed on."""
    now = now or timezone.now()
    taken_back = OutgoingEmail.objects.abandoned_claims(now).update(
        state=State.QUEUED,
        next_attempt_at=now - RELAY_GRACE,  # due at once
        last_error="a worker stopped while sending",
    )
    if taken_back:
        logger.warning("took back %d emails from workers that stopped", taken_back)
    ids = list(
        OutgoingEmail.objects.due(now - RELAY_GRACE).values_list("pk", flat=True)[
            : settings.OUTBOX_RELAY_BATCH
        ]
    )
    for email_id in ids:
        deliver_email.delay(email_id)
    return len(ids)


@shared_task
def relay_due_emails() -> dict:
    """Every minute (beat): in the hub and every constituency, hand workers the emails
    that are due and nobody is sending. Returns how many, by schema, where any."""
    schemas = [get_public_schema_name()] + list(
        get_tenant_model()
        .objects.exclude(schema_name=get_public_schema_name())
        .values_list("schema_name", flat=True)
    )
    relayed = {}
    for schema_name in schemas:
        with schema_context(schema_name):
            count = relay_due()
        if count:
            relayed[schema_name] = count
    return relayed
