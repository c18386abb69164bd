import datetime as dt
import smtplib

from django.db import transaction
from django.utils import timezone

from labourhub.celery import ConstituencyTask, app

from .models import EventSignup
from .notifications import signup_email

SWEEP_AFTER = dt.timedelta(minutes=2)
# Past this, a change whose email keeps failing (a refused address) is left alone
# rather than retried for ever.
SWEEP_WITHIN = dt.timedelta(days=2)


@app.task(
    base=ConstituencyTask,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=60 * 30,
    max_retries=8,
)
def email_signup_status(signup_id: int) -> str:
    """Email the person their sign-up's current status, once per change."""
    with transaction.atomic():
        signup = (
            EventSignup.objects.select_for_update()
            .select_related("event")
            .filter(pk=signup_id)
            .first()
        )
        if signup is None or signup.notified_status == signup.status:
            return "nothing to send"
        promoted = (
            signup.status == EventSignup.Status.CONFIRMED
            and signup.notified_status == EventSignup.Status.WAITLISTED
        )
        signup_email(signup, promoted=promoted).send()
        signup.notified_status = signup.status
        signup.save(update_fields=["notified_status"])
    return f"sent {signup.status}"


@app.task(base=ConstituencyTask)
def send_unsent_signup_emails() -> int:
    """Queue the emails that never went (broker or mail server down at the time)."""
    now = timezone.now()
    stale = EventSignup.objects.awaiting_email().filter(
        status_changed_at__lt=now - SWEEP_AFTER, status_changed_at__gt=now - SWEEP_WITHIN
    )
    ids = list(stale.values_list("pk", flat=True))
    for signup_id in ids:
        email_signup_status.delay(signup_id)
    return len(ids)
