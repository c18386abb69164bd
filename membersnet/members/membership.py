"""Officers must be current members of their constituency's party.

`why_not_a_current_member` answers roles' question before anyone is appointed (it is
settings.CURRENT_MEMBERSHIP). `membership_changed` is called wherever a member record
changes (the member-list import, central staff's edit or removal of a record): when a
membership lapses or ends in a constituency, the person's current appointments there
end that same day, so their rights go at once, and they, the constituency's other
officers and central staff are told by email. Appointments made by stated exception
(roles' `membership_exception`) do not rest on membership and are left alone.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from constituencies.public_urls import public_url
from outbox.queueing import queue_email
from roles.appointments import end_appointment
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES, Appointment

from .models import Member
from .signals import membership_ended


def member_record_of(user) -> Member | None:
    """`user`'s member record: the one linked to their account or, before it is linked,
    the one with their email address."""
    members = Member.objects.select_related("constituency")
    member = members.filter(user=user).first()
    if member is None and user.email:
        member = members.filter(user__isnull=True, email__iexact=user.email).first()
    return member


def lapsed_words(member: Member) -> str:
    if member.lapsed_on:
        return f"their membership lapsed on {member.lapsed_on:%-d %B %Y}"
    return "their membership has lapsed"


def why_not_a_current_member(user, constituency) -> str | None:
    """Why `user` is not a current member of `constituency`'s party, in words that
    follow "X is not a current member of the Bristol East CLP: ", or None if they are."""
    member = member_record_of(user)
    if member is None:
        return "they have no membership record"
    if not member.is_active:
        return lapsed_words(member)
    if member.constituency_id != constituency.pk:
        return f"they are a member of the {member.constituency.name} CLP"
    return None


@dataclass(frozen=True)
class Standing:
    """What a member record said about membership before a change."""

    active: bool
    constituency_id: int

    @classmethod
    def of(cls, member: Member | None) -> "Standing | None":
        if member is None or member.pk is None:
            return None
        return cls(
            active=member.status == Member.Status.ACTIVE, constituency_id=member.constituency_id
        )

    @classmethod
    def stored(cls, member: Member) -> "Standing | None":
        """As the database has it now (a form may already have changed `member`)."""
        return cls.of(Member.objects.filter(pk=member.pk).first()) if member.pk else None


def why_ended(before: Standing | None, member: Member | None) -> str | None:
    """Why a membership current `before` is not current in the same constituency after
    the change (`member` as saved, None if the record was removed), or None."""
    if before is None or not before.active:
        return None
    if member is None:
        return "their membership record was removed"
    if not member.is_active:
        return lapsed_words(member)
    if member.constituency_id != before.constituency_id:
        return f"they are now a member of the {member.constituency.name} CLP"
    return None


@transaction.atomic
def membership_changed(
    member: Member, before: Standing | None, *, removed: bool = False, by=None, source: str
) -> list[Appointment]:
    """`member`'s record has just changed from `before` (or is about to be removed): if
    their membership of a constituency lapsed or ended, end today every appointment
    they hold or are due to start there, other than by exception, and queue the
    emails. `source` says where the change came from, for the audit log ("member list
    import"). Returns the appointments ended."""
    reason = why_ended(before, None if removed else member)
    if reason is None:
        return []
    user = member.user or _account_by_email(member)
    if user is None:
        return []
    return end_offices(user, before.constituency_id, reason=reason, source=source, by=by)


@transaction.atomic
def end_offices(user, constituency_id: int, *, reason: str, source: str, by=None):
    """End today every appointment `user` holds or is due to start in the constituency,
    other than by exception, because they are not a current member there (`reason`);
    tell the audit log (through `membership_ended`) and queue the emails. Returns the
    appointments ended."""
    # Appointments due to start go too: none may outlive the membership.
    appointments = list(
        Appointment.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=timezone.localdate()),
            user=user,
            constituency_id=constituency_id,
            membership_exception="",
        ).select_related("user", "constituency")
    )
    for appointment in appointments:
        end_appointment(appointment, by=by)
    if appointments:
        constituency = appointments[0].constituency
        membership_ended.send(
            Member,
            user=user,
            constituency=constituency,
            appointments=appointments,
            reason=reason,
            source=source,
            by=by,
        )
        _queue_emails(user, constituency, appointments, reason)
    return appointments


def officers_not_current_members():
    """(user, constituency, reason) for each person holding office, other than by
    exception, who is not a current member of that constituency's party: appointed
    before the rule, or whose record changed by some other way than the import or
    the admin."""
    held = (
        Appointment.objects.current()
        .filter(membership_exception="")
        .select_related("user", "constituency")
        .order_by("constituency__name", "user__email")
    )
    seen = set()
    for appointment in held:
        key = (appointment.user_id, appointment.constituency_id)
        if key in seen:
            continue
        seen.add(key)
        reason = why_not_a_current_member(appointment.user, appointment.constituency)
        if reason:
            yield appointment.user, appointment.constituency, reason


def _account_by_email(member: Member):
    """The account a record not yet linked stands for (as in `member_record_of`)."""
    accounts = get_user_model().objects.filter(member__isnull=True)
    return accounts.filter(email__iexact=member.email).first()


# --- The emails -------------------------------------------------------------------------


def _roles(appointments) -> str:
    names = [appointment.get_role_display() for appointment in appointments]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _queue_emails(user, constituency, appointments, reason) -> None:
    """Queue, in the ending's own transaction, the emails about it: to the person, to
    the constituency's other current officers and to central staff."""
    today = timezone.localdate()
    remaining = list(
        Appointment.objects.current(today)
        .filter(constituency=constituency, user__is_active=True)
        .exclude(user=user)
        .select_related("user")
        .order_by("role", "user__email")
    )
    hub = settings.HUB_DOMAINS[0]
    context = {
        "person": user,
        "constituency": constituency,
        "roles": _roles(appointments),
        "reason": reason,
        "today": today,
        "remaining": remaining,
        "has_administrator": any(a.role in DESIGNATED_ADMINISTRATOR_ROLES for a in remaining),
        "site_url": public_url(constituency.primary_domain),
        "constituency_url": public_url(
            hub, reverse("constituencies_admin:detail", args=[constituency.pk])
        ),
        "dashboard_url": public_url(hub, reverse("governance_compliance:dashboard")),
    }
    subject = f"{constituency.name}: {user} is no longer {context['roles']}"
    emails = [
        _email(
            f"You are no longer {context['roles']} of {constituency.name}",
            "membersnet/email/offices_ended_person.txt",
            context,
            [user.email],
        )
    ]
    officers = sorted({a.user.email for a in remaining})
    if officers:
        emails.append(
            _email(subject, "membersnet/email/offices_ended_officers.txt", context, officers)
        )
    staff = list(
        get_user_model()
        .objects.filter(is_active=True, is_central_staff=True)
        .order_by("email")
        .values_list("email", flat=True)
    )
    if staff:
        emails.append(_email(subject, "membersnet/email/offices_ended_staff.txt", context, staff))
    for email in emails:
        queue_email(email, about="membersnet.offices_ended")


def _email(subject, template, context, to) -> EmailMessage:
    return EmailMessage(
        subject=subject,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
