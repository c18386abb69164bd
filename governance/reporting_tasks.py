"""Emails about reports, sent by Celery so a slow or failing mail server never holds up
the person reporting. Each task sends one email, so a retry never repeats another's."""

import datetime as dt
import smtplib

from django.utils import timezone

from constituencies.models import Constituency
from labourhub.celery import app

from .models import AccountReport
from .reporting import queue_report_emails, staff_notification, unit_notification

# A report is left this long for its own request to queue its emails before the sweep
# steps in, and is given up on after SWEEP_WITHIN.
SWEEP_AFTER = dt.timedelta(minutes=2)
SWEEP_WITHIN = dt.timedelta(days=2)

RETRYING = {
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 60 * 30,
    "max_retries": 8,
}


@app.task(**RETRYING)
def tell_unit_about_report(report_id: int, constituency_id: int) -> str:
    """Email one constituency's designated administrators about a report on a unit
    they look after."""
    report = AccountReport.objects.select_related("unit").filter(pk=report_id).first()
    constituency = Constituency.objects.sites().filter(pk=constituency_id).first()
    if report is None or constituency is None:
        return "gone"
    email = unit_notification(report, constituency)
    if email is None:
        return "nobody to tell"
    email.send()
    return "sent"


@app.task(**RETRYING)
def tell_staff_about_report(report_id: int) -> str:
    """Email central staff about a report that names no unit, or a unit with nobody
    to tell."""
    report = AccountReport.objects.select_related("unit").filter(pk=report_id).first()
    if report is None:
        return "gone"
    email = staff_notification(report)
    if email is None:
        return "nobody to tell"
    email.send()
    return "sent"


@app.task
def send_unqueued_report_emails() -> int:
    """Every few minutes (beat): queue the emails of reports saved while the broker was
    down. Returns how many reports it queued for."""
    now = timezone.now()
    waiting = AccountReport.objects.filter(
        emails_queued_at=None,
        created_at__lte=now - SWEEP_AFTER,
        created_at__gte=now - SWEEP_WITHIN,
    ).select_related("unit")
    count = 0
    for report in waiting:
        queue_report_emails(report)
        count += 1
    return count
