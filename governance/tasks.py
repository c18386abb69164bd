"""The nightly governance check (Celery beat, 2:30am): flags, the emails about them and
the day's compliance snapshot. Hub-level tasks: they read the shared schema only."""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from constituencies.models import Constituency
from constituencies.public_urls import public_url
from governance.compliance import dashboard, snapshots
from governance.models import (
    Flag,
    GroupAdminInvitation,
    PartyUnit,
    PresenceEntry,
)
from governance.register.entries import former_controllers
from governance.register.flags import check_flags
from governance.register.holders import emails_with_member_record, group_admin_course
from governance.register.units import (
    current_officers,
    designated_administrators,
    units_of_constituency,
)
from labourhub.celery import EMAIL_RETRY, enqueue_after_commit
from membersnet.rulebook.models import hub_url

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
    waiting = send_waiting_invitations()
    return {
        "raised": sum(result.raised.values()),
        "resolved": sum(result.resolved.values()),
        "open": sum(result.open.values()),
        "clps_emailed": len(clps),
        "snapshots": len(recorded),
        "invitations_resent": waiting,
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


@shared_task
def refresh_flags() -> str:
    """Recompute the flags now, as the nightly check would: sent when something makes
    an account's flag due today (its last officer who can sign in left office)."""
    return str(check_flags())


@shared_task(**EMAIL_RETRY)
def email_handover_checklist(entry_id: int, leaver_id: int, left_on: str) -> str:
    """Send the handover checklist of an account whose last officer able to sign in
    leaves (or left) office on `left_on`: to the remaining officers of the unit's
    CLP(s), or, when none remain, to central staff."""
    entry = (
        PresenceEntry.objects.select_related("unit__constituency")
        .prefetch_related("controllers")
        .filter(pk=entry_id)
        .first()
    )
    leaver = get_user_model().objects.filter(pk=leaver_id).first()
    if entry is None or leaver is None:
        return "nothing to send"
    on = dt.date.fromisoformat(left_on)
    officers = current_officers(entry.unit, on)
    officer_ids = set(officers.values_list("pk", flat=True))
    recipients = list(officers.filter(is_active=True).exclude(pk=leaver_id).order_by("email"))
    to_staff = not recipients
    if to_staff:
        recipients = list(
            get_user_model().objects.filter(is_active=True, is_central_staff=True).order_by("email")
        )
    if not recipients:
        return "nobody to send to"
    constituency = leaver.appointments.filter(ends_on=on).select_related("constituency").first()
    constituency = constituency.constituency if constituency else entry.unit.constituency
    domain = settings.HUB_DOMAINS[0] if to_staff else constituency.primary_domain
    register_url = public_url(domain, reverse("online_presence:edit", args=[entry.pk]))
    EmailMessage(
        subject=f"Hand over {entry}: its last officer who can sign in leaves office",
        body=render_to_string(
            "governance/email/handover.txt",
            {
                "recipients": recipients,
                "leaver": leaver,
                "left_on": on,
                "left_already": on <= timezone.localdate(),
                "constituency": constituency,
                "entry": entry,
                "former": former_controllers(entry, officer_ids) or [leaver],
                "to_staff": to_staff,
                "flag_label": Flag.Kind.NO_CURRENT_CONTROLLER.label,
                "register_url": register_url,
            },
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email for user in recipients],
    ).send()
    return f"sent to {len(recipients)}"


@shared_task(**EMAIL_RETRY)
def invite_group_admin(email: str) -> str:
    """Invite `email`, listed on the register as able to sign in to an account, to the
    group administrators' course and guidelines, once: an invitation already sent is
    not sent again, and one that waits for the course to be published stays waiting
    (the nightly check sends it then)."""
    course = group_admin_course()
    if course is None:
        return "no course to invite to yet"
    with transaction.atomic():
        invitation = GroupAdminInvitation.objects.select_for_update().filter(email=email).first()
        if invitation is None or invitation.sent_at is not None:
            return "already sent"
        entries = list(
            PresenceEntry.objects.filter(
                Q(other_holders__email=email) | Q(controllers__email__iexact=email)
            )
            .distinct()
            .select_related("unit")
            .order_by("unit__name", "platform", "handle")
        )
        if not entries:
            # Taken off the register before this ran: invited afresh if put back on.
            invitation.delete()
            return "no longer on the register"
        hub = settings.HUB_DOMAINS[0]
        EmailMessage(
            subject=f"Looking after the party's accounts: “{course.title}” on Membersnet",
            body=render_to_string(
                "governance/email/group_admin_invitation.txt",
                {
                    "invitation": invitation,
                    "entries": entries,
                    "course": course,
                    "course_url": public_url(hub, course.get_absolute_url()),
                    "guidelines_url": public_url(
                        hub, hub_url("procedure", slug=settings.GROUP_ADMIN_GUIDELINES_SLUG)
                    ),
                    "is_member": bool(emails_with_member_record({email})),
                },
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email],
        ).send()
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
    return "sent"


def send_waiting_invitations() -> int:
    """Queue the invitations not yet sent (the course was not published yet, or the
    broker was down); returns how many."""
    if group_admin_course() is None:
        return 0
    waiting = list(
        GroupAdminInvitation.objects.filter(sent_at__isnull=True).values_list("email", flat=True)
    )
    for email in waiting:
        enqueue_after_commit(invite_group_admin, email)
    return len(waiting)
