"""The nightly governance check (Celery beat, 2:30am): flags, the emails about them and
the day's compliance snapshot. Hub-level tasks: they read the shared schema only."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from constituencies.models import Constituency
from constituencies.public_urls import public_url
from governance.compliance import dashboard, snapshots
from governance.models import (
    Flag,
    PartyUnit,
)
from governance.register.flags import check_flags
from governance.register.units import (
    designated_administrators,
    units_of_constituency,
)
from labourhub.celery import EMAIL_RETRY, enqueue_after_commit

SUMMARY_LIST_LIMIT = 50


@shared_task
def nightly_check() -> dict:
    """Recompute the flags, record today's snapshot per nation, then queue the emails:
    each CLP's designated administrators get their own open flags, central staff the
    national summary. Safe to run twice in a day (the second run finds nothing new,
    and replaces the day's snapshots rather than adding to them)."""
    today = timezone.localdate()
    result = check_flags(today)
    # The snapshot comes before the emails so that a mail server down tonight cannot
    # cost the chart a day; the emails retry on their own.
    recorded = snapshots.record_snapshots(today)
    clps = clps_to_tell()
    for constituency_id in clps:
        enqueue_after_commit(email_open_flags, constituency_id)
    enqueue_after_commit(email_compliance_summary)
    return {
        "raised": sum(result.raised.values()),
        "resolved": sum(result.resolved.values()),
        "open": sum(result.open.values()),
        "clps_emailed": len(clps),
        "snapshots": len(recorded),
    }


@shared_task
def refresh_compliance() -> str:
    """Recompute today's flags and snapshot now, when an appointment ended because a
    membership lapsed: the dashboard and the flags show the gap the same day. The
    emails wait for the nightly check."""
    today = timezone.localdate()
    result = check_flags(today)
    snapshots.record_snapshots(today)
    return str(result)


def clps_to_tell() -> list[int]:
    """Active CLPs with an open flag on one of their units and someone to tell: a
    current designated administrator. (A CLP without one is itself flagged, and that is
    for central staff.)"""
    flagged_units = Flag.objects.filter(resolved_on__isnull=True).values("unit_id")
    flagged = dashboard.units_of(Constituency.objects.active()).filter(pk__in=flagged_units)
    forum_members = PartyUnit.constituencies.through.objects.filter(
        partyunit__in=flagged, partyunit__kind=PartyUnit.Kind.LCF
    ).values("constituency_id")
    return list(
        Constituency.objects.active()
        .filter(
            Q(pk__in=flagged.exclude(kind=PartyUnit.Kind.LCF).values("constituency_id"))
            | Q(pk__in=forum_members)
        )
        .filter(dashboard.has_administrator())
        .values_list("pk", flat=True)
    )


@shared_task(**EMAIL_RETRY)
def email_open_flags(constituency_id: int) -> str:
    """Email a CLP's designated administrators the open flags of the units they look
    after (the CLP, its branches, its Local Campaign Forums), as they stand now."""
    constituency = (
        Constituency.objects.active().prefetch_related("domains").filter(pk=constituency_id).first()
    )
    clp = PartyUnit.objects.filter(kind=PartyUnit.Kind.CLP, constituency_id=constituency_id)
    clp = clp.first() if constituency else None
    if clp is None:
        return "no such CLP"
    recipients = list(designated_administrators(clp).filter(is_active=True))
    flags = list(
        Flag.objects.filter(resolved_on__isnull=True, unit__in=units_of_constituency(constituency))
        .select_related("unit", "entry")
        .order_by("unit__kind", "unit__name", "kind", "entry__platform", "entry__handle")
    )
    if not recipients or not flags:
        return "nothing to send"
    message = EmailMessage(
        subject=f"{constituency.name}: {len(flags)} thing{'s' if len(flags) != 1 else ''} "
        "to put right on your online presence",
        body=render_to_string(
            "governance/email/flags.txt",
            {
                "constituency": constituency,
                "recipients": recipients,
                "flags": flags,
                "register_url": public_url(
                    constituency.primary_domain, reverse("online_presence:index")
                ),
            },
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email for user in recipients],
    )
    message.send()
    return f"sent {len(flags)} to {len(recipients)}"


@shared_task(**EMAIL_RETRY)
def email_compliance_summary() -> str:
    """Email every active member of central staff the national picture."""
    staff = list(
        get_user_model()
        .objects.filter(is_active=True, is_central_staff=True)
        .order_by("email")
        .values_list("email", flat=True)
    )
    if not staff:
        return "nobody to send to"
    hub = settings.HUB_DOMAINS[0]
    active = Constituency.objects.active()
    flags = dashboard.flag_table(dashboard.open_flag_counts(active))
    without = dashboard.without_administrator(active)
    reports = dashboard.open_reports()
    events = dashboard.key_events_at_risk(active)
    context = {
        "today": timezone.localdate(),
        "dashboard_url": public_url(hub, reverse("governance_compliance:dashboard")),
        "audit_url": public_url(hub, reverse("governance_audit:index")),
        "flag_rows": [
            (
                label,
                total,
                ", ".join(
                    f"{nation} {count}"
                    for nation, count in zip(flags.nations, counts, strict=True)
                    if count
                ),
            )
            for label, counts, total in flags.rows
        ],
        "without_administrator": [
            (
                constituency,
                public_url(hub, reverse("constituencies_admin:detail", args=[constituency.pk])),
            )
            for constituency in without[:SUMMARY_LIST_LIMIT]
        ],
        "without_count": without.count(),
        "reports": list(reports[:SUMMARY_LIST_LIMIT]),
        "report_count": reports.count(),
        "case_count": dashboard.open_cases().count(),
        "events": [
            (event, public_url(event.constituency.primary_domain, event.path))
            for event in events[:SUMMARY_LIST_LIMIT]
        ],
        "event_count": events.count(),
        "list_limit": SUMMARY_LIST_LIMIT,
    }
    without_count = context["without_count"]
    EmailMessage(
        subject=f"Online presence compliance, {context['today']:%-d %B %Y}: "
        f"{without_count} CLP{'s' if without_count != 1 else ''} without a designated "
        "administrator",
        body=render_to_string("governance/email/flags_summary.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=staff,
    ).send()
    return f"sent to {len(staff)}"
