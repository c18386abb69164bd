"""Emails about reports, sent by Celery so a slow or failing mail server never holds up
the person reporting. Each task sends one email, so a retry never repeats another's."""

import smtplib

from constituencies.models import Constituency
from labourhub.celery import app

from .models import AccountReport
from .reporting import staff_notification, unit_notification

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
