"""When the last officer who can sign in to an account leaves office, the account has
to be handed over: its remaining officers (central staff, when none remain) are sent a
checklist, and its flag is raised that day rather than at the next nightly check."""

from django.db.models import Q
from django.utils import timezone

from governance.models import PresenceEntry, SignInHolder
from governance.register.units import current_officers, units_of_constituency
from labourhub.celery import enqueue_after_commit

HANDOVER_TASK = "governance.tasks.email_handover_checklist"
REFRESH_FLAGS_TASK = "governance.tasks.refresh_flags"


def entries_left_without_officer(user, constituency, on) -> list[PresenceEntry]:
    """The register entries of `constituency`'s units that `user` can sign in to and
    that nobody who can will hold office on `on`."""
    holds = SignInHolder.objects.filter(email__iexact=user.email).values("entry_id")
    entries = (
        PresenceEntry.objects.filter(unit__in=units_of_constituency(constituency))
        .filter(Q(pk__in=holds) | Q(controllers=user))
        .distinct()
        .select_related("unit")
        .prefetch_related("controllers", "other_holders")
    )
    left = []
    for entry in entries:
        # `on` is their first day out of office: an officer on `on` is someone else, or
        # them in another role the unit's CLPs still give them.
        officers = current_officers(entry.unit, on)
        emails = [holder.email for holder in entry.other_holders.all()]
        users = [u.pk for u in entry.controllers.all()]
        holding = officers.filter(Q(pk__in=users) | Q(email__in=emails))
        if not holding.exists():
            left.append(entry)
    return left


def officer_left(appointment) -> list[PresenceEntry]:
    """React to `appointment` ending: for each account its holder was the last officer
    able to sign in to, queue the handover checklist; if they are out of office today,
    have the flags raised now. Returns those entries."""
    user, on = appointment.user, appointment.ends_on
    if on is None:
        return []
    entries = entries_left_without_officer(user, appointment.constituency, on)
    for entry in entries:
        enqueue_after_commit(HANDOVER_TASK, entry.pk, user.pk, on.isoformat())
    if entries and on <= timezone.localdate():
        enqueue_after_commit(REFRESH_FLAGS_TASK)
    return entries
