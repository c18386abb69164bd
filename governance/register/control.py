"""Showing that a unit's officers control an account: an officer confirms it from time
to time (an entry not confirmed within the review period is flagged), and central staff
check it by opening the account and looking for the entry's control code in its bio or
a pinned post. Staff's check is by hand and dated, with their name: nothing is fetched
from the platforms."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from governance import audit
from governance.models import PresenceEntry
from roles.access import current_roles
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES


def may_confirm_control(user, constituency) -> bool:
    """Only the unit's own designated administrators (Secretary, Social Media Officer)
    can say the officers still control its accounts: central staff check instead."""
    if not user.is_authenticated or not user.is_active or constituency is None:
        return False
    return bool(current_roles(user, constituency) & set(DESIGNATED_ADMINISTRATOR_ROLES))


@transaction.atomic
def confirm_control(entry: PresenceEntry, *, by, constituency, on=None) -> PresenceEntry:
    """Record that `by`, a designated administrator of `constituency` (one of the CLPs
    looking after the entry's unit), confirmed today that its officers still control
    the account. Raises PermissionDenied for anyone else."""
    if constituency.pk not in entry.unit.officer_constituency_ids() or not may_confirm_control(
        by, constituency
    ):
        raise PermissionDenied(
            "Only the unit's Secretary or Social Media Officer can confirm this."
        )
    entry.last_reviewed_on = on or timezone.localdate()
    entry.control_confirmed_by = by
    entry.save(update_fields=["last_reviewed_on", "control_confirmed_by", "updated_at"])
    audit.record(
        "register.reviewed",
        f"{by} confirmed the officers of {entry.unit} control {entry}",
        actor=by,
        constituency=entry.unit.constituency,
        unit=entry.unit,
        entry=entry.pk,
        reviewed_on=entry.last_reviewed_on.isoformat(),
    )
    return entry


@transaction.atomic
def verify_control(
    entry: PresenceEntry, *, by, found: bool, note: str = "", on=None
) -> PresenceEntry:
    """Record central staff's check of the account: whether `by` found the entry's
    control code on it, and when. Raises PermissionDenied for anyone but central
    staff."""
    if not (by.is_authenticated and by.is_active and by.is_central_staff):
        raise PermissionDenied("Only central staff check control codes.")
    entry.control_checked_on = on or timezone.localdate()
    entry.control_checked_by = by
    entry.control_check_found = found
    entry.save(
        update_fields=[
            "control_checked_on",
            "control_checked_by",
            "control_check_found",
            "updated_at",
        ]
    )
    verdict = "found" if found else "did not find"
    audit.record(
        "register.control_verified" if found else "register.control_not_found",
        f"{by} {verdict} the control code {entry.control_code} on {entry}",
        actor=by,
        constituency=entry.unit.constituency,
        unit=entry.unit,
        entry=entry.pk,
        code=entry.control_code,
        found=found,
        checked_on=entry.control_checked_on.isoformat(),
        note=note.strip(),
    )
    return entry
