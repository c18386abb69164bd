"""The nightly check: which units and register entries break the policy today."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from constituencies.models import Constituency
from governance.models import (
    Flag,
    PartyUnit,
    PresenceEntry,
    SignInHolder,
)
from governance.register.holders import emails_with_member_record
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES, Appointment

# Two checks running at once (beat and a hand-run) would both open the same flag; the
# second would then break the one-open-flag constraint. They queue on this lock instead.
_CHECK_LOCK = 0x60F1A65  # any constant, private to check_flags

Kind = Flag.Kind


@dataclass(frozen=True)
class FlagCheck:
    """What one run of the check changed, and what is open after it, by kind."""

    on: dt.date
    raised: Counter = field(default_factory=Counter)
    resolved: Counter = field(default_factory=Counter)
    open: Counter = field(default_factory=Counter)

    def __str__(self):
        return (
            f"{self.on}: {sum(self.raised.values())} raised, "
            f"{sum(self.resolved.values())} resolved, {sum(self.open.values())} open"
        )


def review_cutoff(on: dt.date, months: int | None = None) -> dt.date:
    """The earliest confirmation of control that is still within the review period
    (settings.REGISTER_REVIEW_MONTHS) of `on`: the same date that many months before,
    or the last day of that month when it is shorter (28 February for a 29 February
    and 12 months; 30 April for 31 October and 6 months)."""
    months = settings.REGISTER_REVIEW_MONTHS if months is None else months
    index = on.year * 12 + on.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, min(on.day, (next_month - dt.timedelta(days=1)).day))


def check_flags(on: dt.date | None = None) -> FlagCheck:
    """Recompute every flag as of `on` (today by default).

    - NO_ADMINISTRATOR: a CLP unit of an active site with no current Secretary or Social
      Media Officer; a branch whose (active) CLP has none; a Local Campaign Forum none of
      whose active CLPs has one. Units whose CLPs are all suspended or archived are not
      checked.
    - NO_CURRENT_CONTROLLER: a register entry none of whose controllers holds a current
      appointment (any role) in the unit's CLP(s).
    - NO_CURRENT_CONTROLLER also counts a holder typed in by name and email whose
      address is that of a current officer's account.
    - NOT_REVIEWED: a register entry whose control an officer last confirmed more than
      the review period (settings.REGISTER_REVIEW_MONTHS, 12 by default) before `on`,
      in calendar terms: confirmed on 10 March 2025, it is fine up to and including
      10 March 2026 (365 days on) and flagged from 11 March 2026 (366 days on). When
      the year holds a 29 February it is 366 days fine and 367 flagged; a
      confirmation on 29 February is good until 28 February the next year.
    - HOLDER_NOT_MEMBER: a register entry one of whose sign-in holders (officers or
      not) has no member record, so cannot take the group administrators' course.

    "Current" is `AppointmentQuerySet.current(on)`: `ends_on` is the first day out of
    office, so an officer whose term ends on `on` no longer counts on that day.

    A flag found and not yet open is raised on `on`; an open flag no longer found is
    resolved on `on`; an open flag still found is left as it was (keeping its
    raised_on). Running it twice on one day changes nothing the second time.
    """
    on = on or timezone.localdate()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHECK_LOCK])
        unit_constituencies = _officer_constituencies()
        found = _units_without_administrator(on, unit_constituencies) | _entry_flags(
            on, unit_constituencies
        )
        open_flags = {
            (kind, unit_id, entry_id): pk
            for pk, kind, unit_id, entry_id in Flag.objects.filter(
                resolved_on__isnull=True
            ).values_list("pk", "kind", "unit_id", "entry_id")
        }
        to_raise = found - open_flags.keys()
        to_resolve = open_flags.keys() - found
        Flag.objects.bulk_create(
            Flag(kind=kind, unit_id=unit_id, entry_id=entry_id, raised_on=on)
            for kind, unit_id, entry_id in sorted(to_raise, key=str)
        )
        if to_resolve:
            Flag.objects.filter(pk__in=[open_flags[key] for key in to_resolve]).update(
                resolved_on=on
            )
    return FlagCheck(
        on=on,
        raised=Counter(kind for kind, _, _ in to_raise),
        resolved=Counter(kind for kind, _, _ in to_resolve),
        open=Counter(kind for kind, _, _ in found),
    )


def _officer_constituencies() -> dict[int, set[int]]:
    """Each unit's CLP(s), as PartyUnit.officer_constituency_ids gives them, for every
    unit in two queries."""
    forums = defaultdict(set)
    for unit_id, constituency_id in PartyUnit.constituencies.through.objects.values_list(
        "partyunit_id", "constituency_id"
    ):
        forums[unit_id].add(constituency_id)
    return {
        pk: forums[pk] if kind == PartyUnit.Kind.LCF else {constituency_id} - {None}
        for pk, kind, constituency_id in PartyUnit.objects.values_list(
            "pk", "kind", "constituency_id"
        )
    }


def _units_without_administrator(on, unit_constituencies) -> set[tuple]:
    active = set(Constituency.objects.active().values_list("pk", flat=True))
    covered = set(
        Appointment.objects.current(on)
        .filter(role__in=DESIGNATED_ADMINISTRATOR_ROLES)
        .values_list("constituency_id", flat=True)
    )
    found = set()
    for unit_id, constituencies in unit_constituencies.items():
        checked = constituencies & active
        if checked and not checked & covered:
            found.add((Kind.NO_ADMINISTRATOR, unit_id, None))
    return found


def _entry_flags(on, unit_constituencies) -> set[tuple]:
    officers = set(Appointment.objects.current(on).values_list("user_id", "constituency_id"))
    controllers = defaultdict(set)
    holder_emails = defaultdict(set)
    for entry_id, user_id, email in PresenceEntry.controllers.through.objects.values_list(
        "presenceentry_id", "user_id", "user__email"
    ):
        controllers[entry_id].add(user_id)
        holder_emails[entry_id].add(email.lower())
    for entry_id, email in SignInHolder.objects.values_list("entry_id", "email"):
        holder_emails[entry_id].add(email)
    other_emails = set().union(*holder_emails.values()) if holder_emails else set()
    user_by_email = {
        email.lower(): pk
        for email, pk in get_user_model()
        .objects.filter(email__in=other_emails)
        .values_list("email", "pk")
    }
    # A holder typed in by name and email counts as the officer whose account it is.
    others = {
        entry_id: {user_by_email[email] for email in emails if email in user_by_email}
        for entry_id, emails in holder_emails.items()
    }
    members = emails_with_member_record(other_emails)
    cutoff = review_cutoff(on)
    found = set()
    for entry_id, unit_id, last_reviewed_on in PresenceEntry.objects.values_list(
        "pk", "unit_id", "last_reviewed_on"
    ):
        constituencies = unit_constituencies.get(unit_id, set())
        if not any(
            (user_id, constituency_id) in officers
            for user_id in others.get(entry_id, set()) | controllers[entry_id]
            for constituency_id in constituencies
        ):
            found.add((Kind.NO_CURRENT_CONTROLLER, unit_id, entry_id))
        if last_reviewed_on < cutoff:
            found.add((Kind.NOT_REVIEWED, unit_id, entry_id))
        if holder_emails[entry_id] - members:
            found.add((Kind.HOLDER_NOT_MEMBER, unit_id, entry_id))
    return found
