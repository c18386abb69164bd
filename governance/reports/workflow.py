"""Reports of accounts that claim to speak for a unit: receiving one, telling the people
who must know, and central staff working it to a close. Views, commands and tests all
call these functions."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from constituencies.models import Constituency
from constituencies.public_urls import public_url
from governance import audit
from governance.models import (
    AccountReport,
    PartyUnit,
    ReportEvent,
)
from governance.register.entries import (
    account_key,
)
from outbox.queueing import queue_email
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES, Appointment

Status = AccountReport.Status

# Where a report may go next. A closed report can be reopened if something new turns up.
# A report is referred for party discipline only by referring it to the disputes team
# (governance.disputes.referral), which opens a case; never by a change of state here.
TRANSITIONS = {
    Status.NEW: (Status.INVESTIGATING, Status.RESOLVED_OFFICIAL, Status.RESOLVED_REMOVED),
    Status.INVESTIGATING: (Status.RESOLVED_OFFICIAL, Status.RESOLVED_REMOVED),
    Status.RESOLVED_OFFICIAL: (Status.INVESTIGATING,),
    Status.RESOLVED_REMOVED: (Status.INVESTIGATING,),
    Status.REFERRED: (Status.INVESTIGATING,),
}


@transaction.atomic
def submit_report(
    *,
    account: str,
    reason: str,
    details: str,
    unit: PartyUnit | None = None,
    reporter_name: str = "",
    reporter_email: str = "",
) -> AccountReport:
    """Store somebody's report, start its history and queue the emails: to the
    designated administrators of the unit's CLP(s), or to central staff when no unit
    was named or it has nobody to tell. Raises ValidationError, storing nothing, on
    bad input."""
    report = AccountReport(
        unit=unit,
        account=(account or "").strip(),
        reason=reason,
        details=(details or "").strip(),
        reporter_name=(reporter_name or "").strip(),
        reporter_email=(reporter_email or "").strip(),
    )
    try:
        account_key(report.account)
    except ValidationError as error:
        raise ValidationError({"account": error.messages}) from None
    if len(report.details) > AccountReport._meta.get_field("details").max_length:
        raise ValidationError({"details": "Keep the details to 3,000 characters."})
    report.full_clean(exclude=["account_key", "status"])
    report.save()
    ReportEvent.objects.create(report=report, to_status=Status.NEW)
    audit.record(
        "report.created",
        f"Report #{report.pk} about {report.account}"
        + (f", said to represent {unit}" if unit else ""),
        constituency=unit.constituency if unit else None,
        unit=unit,
        report=report.pk,
        reason=report.reason,
        record=f"{report._meta.label}:{report.pk}",
        people=[report.reporter_email],
    )
    queue_report_emails(report)
    return report


def queue_report_emails(report: AccountReport) -> None:
    """Queue, in the report's own transaction, the emails about a new report: to the
    designated administrators of each constituency of its unit or, with nobody there,
    to central staff. Each is an email in the hub's outbox, tracked until it is sent."""
    constituencies = Constituency.objects.sites().filter(pk__in=constituencies_to_tell(report))
    emails = [unit_notification(report, constituency) for constituency in constituencies]
    if not emails:
        emails = [staff_notification(report)]
    for email in emails:
        if email is not None:
            queue_email(email, about="governance.report")
    AccountReport.objects.filter(pk=report.pk).update(emails_queued_at=timezone.now())


def constituencies_to_tell(report: AccountReport) -> list[int]:
    """The constituencies (of the report's unit) that have a designated administrator
    to tell about it."""
    if report.unit is None:
        return []
    return sorted(
        set(
            Appointment.objects.current()
            .filter(
                constituency_id__in=report.unit.officer_constituency_ids(),
                role__in=DESIGNATED_ADMINISTRATOR_ROLES,
                user__is_active=True,
            )
            .values_list("constituency_id", flat=True)
        )
    )


def unit_notification(report: AccountReport, constituency) -> EmailMessage | None:
    """The email telling one constituency's designated administrators about a report
    on a unit they look after. It never carries the reporter's name or address, nor
    what they wrote: that goes to central staff first."""
    recipients = sorted(
        set(
            Appointment.objects.current()
            .filter(
                constituency=constituency,
                role__in=DESIGNATED_ADMINISTRATOR_ROLES,
                user__is_active=True,
            )
            .values_list("user__email", flat=True)
        )
    )
    if not recipients:
        return None
    path = reverse("presence_reports:detail", args=[report.pk])
    context = {
        "report": report,
        "constituency": constituency,
        "link": public_url(constituency.primary_domain, path),
    }
    return EmailMessage(
        subject=f"Report about {report.account}, said to represent {report.unit}",
        body=render_to_string("governance/email/report_to_unit.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )


def staff_notification(report: AccountReport) -> EmailMessage | None:
    """The email telling every active member of central staff about a report."""
    recipients = list(
        get_user_model()
        .objects.filter(is_central_staff=True, is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
    )
    if not recipients:
        return None
    path = reverse("presence_reports:detail", args=[report.pk])
    context = {"report": report, "link": public_url(settings.HUB_DOMAINS[0], path)}
    return EmailMessage(
        subject=f"New report about {report.account}",
        body=render_to_string("governance/email/report_to_staff.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )


def next_statuses(report: AccountReport) -> tuple:
    return TRANSITIONS.get(report.status, ())


@transaction.atomic
def change_report_status(
    report: AccountReport, to_status: str, *, actor, note: str = "", seen_status: str = ""
) -> AccountReport:
    """Move a report to its next state, adding to its history and the audit log. Only
    central staff may; raises PermissionDenied for anyone else. Raises ValidationError,
    changing nothing, for a move the workflow doesn't allow (a referral among them:
    see governance.disputes.referral), or when `seen_status` (what the form showed) is
    no longer the report's state."""
    if actor is None or not actor.is_authenticated or not actor.is_central_staff:
        raise PermissionDenied("Only central staff can change a report's state.")
    report = (
        AccountReport.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=report.pk)
    )
    note = (note or "").strip()
    if seen_status and seen_status != report.status:
        raise ValidationError(
            f"Someone else changed this report to “{report.get_status_display()}” while you "
            "were looking. Check its history, then try again."
        )
    if to_status == Status.REFERRED:
        raise ValidationError(
            {
                "to_status": "Refer it with “Refer to the disputes team”, which opens a case "
                "for the party's disputes team."
            }
        )
    if to_status not in next_statuses(report):
        raise ValidationError(
            {"to_status": f"A report that is “{report.get_status_display()}” can't go there."}
        )
    if len(note) > ReportEvent._meta.get_field("note").max_length:
        raise ValidationError({"note": "Keep the note to 2,000 characters."})
    from_status = report.status
    ReportEvent.objects.create(
        report=report, actor=actor, from_status=from_status, to_status=to_status, note=note
    )
    report.status = to_status
    report.save(update_fields=["status", "updated_at"])
    audit.record(
        "report.status_changed",
        f"Report #{report.pk} about {report.account}: "
        f"{Status(from_status).label} → {Status(to_status).label}",
        actor=actor,
        constituency=report.unit.constituency if report.unit else None,
        unit=report.unit,
        report=report.pk,
        from_status=from_status,
        to_status=to_status,
    )
    return report
