"""Appointing people to roles and ending their appointments."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import PUBLISHER, Appointment, ConstituencyGroup
from .signals import appointment_ended, appointment_started

NOT_A_MEMBER = "not_a_current_member"


@transaction.atomic
def appoint(
    *,
    user,
    constituency,
    role,
    starts_on=None,
    ends_on=None,
    granted_by=None,
    membership_exception="",
):
    """Appoint `user` to `role` on `constituency`. Raises ValidationError (and saves
    nothing) for an overlapping appointment, dates that end before they start, or
    someone who is not a current member of the constituency's party, unless
    `membership_exception` states why they may hold office anyway (it is kept on the
    appointment)."""
    appointment = Appointment(
        user=user,
        constituency=constituency,
        role=role,
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
        granted_by=granted_by,
        membership_exception=(membership_exception or "").strip(),
    )
    appointment.full_clean()
    if not appointment.membership_exception:
        require_current_member(user, constituency)
    appointment.save()
    sync_role_groups(user)
    appointment_started.send(Appointment, appointment=appointment, by=granted_by)
    return appointment


@transaction.atomic
def end_appointment(appointment, *, ends_on=None, by=None):
    """End `appointment` on `ends_on` (today by default: the rights go at once).
    Raises ValidationError if it has already ended by then (a second click, a stale
    page): its recorded end stays as it was."""
    ends_on = ends_on or timezone.localdate()
    if appointment.ends_on is not None and appointment.ends_on <= ends_on:
        when = (
            "today"
            if appointment.ends_on == timezone.localdate()
            else f"on {appointment.ends_on:%-d %B %Y}"
        )
        raise ValidationError(
            f"{appointment.user} stopped being {appointment.get_role_display()} of "
            f"{appointment.constituency.name} {when}."
        )
    appointment.ends_on = max(ends_on, appointment.starts_on)
    appointment.end_announced_on = timezone.localdate()
    appointment.full_clean()
    appointment.save(update_fields=["ends_on", "end_announced_on"])
    sync_role_groups(appointment.user)
    appointment_ended.send(Appointment, appointment=appointment, by=by)
    return appointment


def announce_ended_appointments(on=None) -> int:
    """Tell the rest of the platform (audit, the register's handover) about each
    appointment that reached the end date it was given when it was made, on the morning
    of that day; one ended early was announced then. Each is announced once, in its own
    transaction. Returns how many were announced."""
    on = on or timezone.localdate()
    due = Appointment.objects.filter(ends_on__lte=on, end_announced_on__isnull=True)
    count = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            appointment = (
                Appointment.objects.select_for_update()
                .select_related("user", "constituency")
                .filter(pk=pk, end_announced_on__isnull=True)
                .first()
            )
            if appointment is None:
                continue
            appointment.end_announced_on = on
            appointment.save(update_fields=["end_announced_on"])
            sync_role_groups(appointment.user, on)
            appointment_ended.send(Appointment, appointment=appointment, by=None)
            count += 1
    return count


def why_not_a_current_member(user, constituency) -> str | None:
    """Why `user` is not a current member of `constituency`'s party ("their membership
    lapsed on 3 March 2026"), or None if they are. Membership records are Membersnet's
    business, above this app: settings.CURRENT_MEMBERSHIP names the function that
    knows."""
    return import_string(settings.CURRENT_MEMBERSHIP)(user, constituency)


def require_current_member(user, constituency) -> None:
    """Raise ValidationError (code NOT_A_MEMBER), naming the reason, unless `user` is a
    current member of `constituency`'s party."""
    reason = why_not_a_current_member(user, constituency)
    if reason:
        raise ValidationError(
            f"{user} is not a current member of the {constituency.name} CLP: {reason}. "
            "Officers must be current members; to appoint them anyway, give the reason "
            "for an exception.",
            code=NOT_A_MEMBER,
        )


def is_trained_to_publish(user) -> bool:
    """Has `user` completed the training publishing requires? Training is Membersnet's
    business, above this app: settings.TRAINED_TO_PUBLISH names the function that
    knows."""
    return import_string(settings.TRAINED_TO_PUBLISH)(user)


def sync_role_groups(user, on=None) -> None:
    """Make `user`'s constituency groups match their current appointments: one group
    per role held, and the publisher group of each constituency they hold a role in, if
    they are trained. Called whenever an appointment or training changes, and on their
    way into an admin, so no right outlives its reason."""
    current = set(
        Appointment.objects.current(on).filter(user=user).values_list("constituency_id", "role")
    )
    constituencies = {constituency for constituency, _ in current}
    if constituencies and is_trained_to_publish(user):
        current |= {(constituency, PUBLISHER) for constituency in constituencies}
    wanted = {
        group.group_id
        for group in ConstituencyGroup.objects.filter(constituency_id__in=constituencies)
        if (group.constituency_id, group.role) in current
    }
    held = set(user.groups.filter(constituency_role__isnull=False).values_list("id", flat=True))
    if held - wanted:
        user.groups.remove(*(held - wanted))
    if wanted - held:
        user.groups.add(*(wanted - held))


def sync_all_role_groups(on=None) -> int:
    """Tidy every user's role groups after appointments start or end by date.
    Returns the number of users checked."""
    User = get_user_model()
    users = User.objects.filter(appointments__isnull=False).distinct()
    count = 0
    for user in users.iterator():
        sync_role_groups(user, on)
        count += 1
    return count
