"""The emails about a disputes case: the referral, to the disputes team; the outcome, to
whoever referred it. Each is queued in the hub's outbox in the case's own transaction
and sent by the outbox's Celery task. Neither carries the accused member's name unless
the team has released it, nor what the reporter wrote."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from constituencies.public_urls import public_url
from governance.disputes.team import team_emails
from governance.models import DisputeCase
from outbox.queueing import queue_email
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES, Appointment


def _hub_link(path: str) -> str:
    return public_url(settings.HUB_DOMAINS[0], path)


def referrer_label(user, constituency) -> str:
    """Who referred, as the team reads it: a person, and the CLP they referred for."""
    if constituency is not None:
        return f"{user}, for the officers of {constituency.name} CLP"
    return f"{user}, central staff"


def queue_referral_notice(case: DisputeCase, report, *, actor, constituency, joined) -> None:
    """Tell the disputes team of a new case, or of another report joining an open one.
    With nobody in the team yet, every active member of central staff is told instead,
    so that a referral never goes unread."""
    recipients = team_emails()
    no_team = not recipients
    if no_team:
        recipients = list(
            get_user_model()
            .objects.filter(is_central_staff=True, is_active=True)
            .order_by("email")
            .values_list("email", flat=True)
        )
    if not recipients:
        return
    context = {
        "case": case,
        "report": report,
        "joined": joined,
        "referrer": referrer_label(actor, constituency),
        "no_team": no_team,
        "link": _hub_link(reverse("disputes:detail", args=[case.pk])),
    }
    subject = (
        f"Another report joins case #{case.pk} ({case.account})"
        if joined
        else f"New disputes case #{case.pk}: {case.account}"
    )
    queue_email(
        EmailMessage(
            subject=subject,
            body=render_to_string("governance/email/dispute_referred.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        ),
        about="governance.dispute",
        about_id=case.pk,
    )


def outcome_recipients(case: DisputeCase) -> list[str]:
    """Whoever referred the case and, when a CLP's officers referred it, that CLP's
    current Secretary and Social Media Officer."""
    emails = set()
    if case.referred_by and case.referred_by.is_active:
        emails.add(case.referred_by.email)
    if case.referred_by_constituency_id:
        emails.update(
            Appointment.objects.current()
            .filter(
                constituency_id=case.referred_by_constituency_id,
                role__in=DESIGNATED_ADMINISTRATOR_ROLES,
                user__is_active=True,
            )
            .values_list("user__email", flat=True)
        )
    return sorted(emails)


def queue_outcome_notice(case: DisputeCase) -> None:
    """Tell the people who referred the case what the disputes team decided."""
    recipients = outcome_recipients(case)
    if not recipients:
        return
    report = case.reports.order_by("pk").first()
    constituency = case.referred_by_constituency
    path = reverse("presence_reports:detail", args=[report.pk]) if report else ""
    if constituency is not None and path:
        link = public_url(constituency.primary_domain, path)
    else:
        link = _hub_link(path) if path else ""
    context = {"case": case, "link": link}
    queue_email(
        EmailMessage(
            subject=f"{case.account}: the disputes team's outcome",
            body=render_to_string("governance/email/dispute_outcome.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        ),
        about="governance.dispute",
        about_id=case.pk,
    )
