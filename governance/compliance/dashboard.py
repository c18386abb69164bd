"""What central staff see of compliance across every CLP: the dashboard's counts and
lists, the nightly snapshots per nation, and the coverage chart drawn from them.

Every function here answers in a fixed number of queries, whatever the number of
constituencies, officers or register entries: the dashboard covers about 630 CLPs."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, When
from django.utils import timezone

from constituencies.models import Constituency, Nation, Region
from governance import publicity_window
from governance.models import (
    AccountReport,
    DisputeCase,
    Flag,
    KeyEventRecord,
    PartyUnit,
    PresenceEntry,
)
from governance.register.holders import group_admin_course, people_of
from membersnet.training.models import RENEWAL_MONTHS, CourseCompletion, add_months
from membersnet.training.progress import publishing_course
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES, Appointment

AT_RISK_DAYS = publicity_window.DAYS_AHEAD
# A list longer than this shows its first rows and its full count; filters narrow it.
LIST_LIMIT = 100


ENTRY_FLAG_KINDS = (
    Flag.Kind.NO_CURRENT_CONTROLLER,
    Flag.Kind.NOT_REVIEWED,
    Flag.Kind.HOLDER_NOT_MEMBER,
)


# --- Whose CLPs -------------------------------------------------------------------------


def clps(nation: str = "", region: str = ""):
    """Active constituency sites, optionally of one nation and one region."""
    queryset = Constituency.objects.active()
    if nation:
        queryset = queryset.filter(nation=nation)
    if region:
        queryset = queryset.filter(region=region)
    return queryset


def regions() -> list[str]:
    """The party's regions and nations, for the dashboard's filter (a region with no
    site yet shows none)."""
    return [region.value for region in Region]


def units_of(constituencies):
    """The units looked after by `constituencies`' officers: their CLP units and
    branches, and every Local Campaign Forum spanning one of them."""
    forums = PartyUnit.constituencies.through.objects.filter(
        constituency__in=constituencies
    ).values("partyunit_id")
    return PartyUnit.objects.filter(
        Q(constituency__in=constituencies, kind__in=[PartyUnit.Kind.CLP, PartyUnit.Kind.BRANCH])
        | Q(pk__in=forums, kind=PartyUnit.Kind.LCF)
    )


def completed(course, on=None) -> Exists:
    """For an Appointment queryset: does its holder hold a certificate of `course` that
    has not expired by `on`?"""
    return Exists(CourseCompletion.objects.valid(on).filter(user=OuterRef("user"), course=course))


def has_administrator(on=None) -> Exists:
    """For a Constituency queryset: does it have a current designated administrator?"""
    return Exists(
        Appointment.objects.current(on).filter(
            constituency=OuterRef("pk"), role__in=DESIGNATED_ADMINISTRATOR_ROLES
        )
    )


def nation_of_unit(unit: str = "unit"):
    """The nation of the unit at `unit` (a relation path): its CLP's, or for a Local
    Campaign Forum that of its CLPs (the first, should they differ)."""
    forum_nation = (
        Constituency.objects.filter(campaign_forums=OuterRef(unit))
        .order_by("nation")
        .values("nation")[:1]
    )
    return Case(
        When(**{f"{unit}__kind": PartyUnit.Kind.LCF}, then=Subquery(forum_nation)),
        default=F(f"{unit}__constituency__nation"),
    )


# --- The lists ----------------------------------------------------------------------------


def last_administrator_left(on=None) -> Subquery:
    """For a Constituency queryset: the day its last designated administrator left
    office (None if it never had one)."""
    on = on or timezone.localdate()
    return Subquery(
        Appointment.objects.filter(
            constituency=OuterRef("pk"),
            role__in=DESIGNATED_ADMINISTRATOR_ROLES,
            ends_on__lte=on,
        )
        .order_by("-ends_on")
        .values("ends_on")[:1]
    )


def without_administrator(constituencies, on=None):
    """The CLPs with no current designated administrator, each with the day the last
    one left (`since`). An appointment ended today no longer counts."""
    return (
        constituencies.annotate(covered=has_administrator(on), since=last_administrator_left(on))
        .filter(covered=False)
        .prefetch_related("domains")
        .order_by("name")
    )


def untrained_officers(constituencies, course, on=None):
    """Current appointments (any role) in `constituencies` of people who have not
    completed `course`; none when there is no such course."""
    if course is None:
        return Appointment.objects.none()
    return (
        Appointment.objects.current(on)
        .filter(constituency__in=constituencies)
        .exclude(completed(course, on))
        .select_related("user", "constituency")
        .order_by("constituency__name", "role", "user__email")
    )


def lapsing_certificates(constituencies, course, on=None):
    """Current appointments in `constituencies` whose holder's certificate of `course`
    has expired or expires within the renewal month, soonest first (`expires_on`)."""
    if course is None:
        return Appointment.objects.none()
    on = on or timezone.localdate()
    expires_on = CourseCompletion.objects.filter(user=OuterRef("user"), course=course)
    return (
        Appointment.objects.current(on)
        .filter(constituency__in=constituencies)
        .annotate(expires_on=Subquery(expires_on.values("expires_on")[:1]))
        .filter(expires_on__lte=add_months(on, RENEWAL_MONTHS))
        .annotate(has_expired=Q(expires_on__lte=on))
        .select_related("user", "constituency")
        .order_by("expires_on", "constituency__name", "user__email")
    )


def entry_flags(constituencies):
    """Open flags on register entries (unowned or unreviewed) of these CLPs' units."""
    return Flag.objects.filter(
        resolved_on__isnull=True, kind__in=ENTRY_FLAG_KINDS, unit__in=units_of(constituencies)
    )


def flagged_entries(constituencies):
    """entry_flags, with what a listing shows of each."""
    return (
        entry_flags(constituencies)
        .select_related("unit", "unit__constituency", "entry")
        .prefetch_related("unit__constituencies")
        .order_by("unit__name", "entry__platform", "entry__handle", "kind")
    )


@dataclass
class GroupAdmin:
    """One person the register lists as able to sign in, with the accounts they can."""

    name: str
    email: str
    has_member_record: bool
    completed_course: bool
    entries: list = field(default_factory=list)


def group_admins(constituencies, course) -> list[GroupAdmin]:
    """Everyone who can sign in to a register entry of these CLPs' units (officers or
    not), once each however many accounts they hold, in a fixed number of queries."""
    entries = (
        PresenceEntry.objects.filter(unit__in=units_of(constituencies))
        .select_related("unit")
        .prefetch_related("controllers", "other_holders")
        .order_by("unit__name", "platform", "handle")
    )
    entries = list(entries)
    people_of(entries, course)
    by_email: dict[str, GroupAdmin] = {}
    for entry in entries:
        for person in entry.people:
            admin = by_email.setdefault(
                person.email.lower(),
                GroupAdmin(
                    name=str(person),
                    email=person.email,
                    has_member_record=person.has_member_record,
                    completed_course=person.completed_course,
                ),
            )
            admin.entries.append(entry)
    return sorted(by_email.values(), key=lambda admin: (admin.name.lower(), admin.email))


def open_reports(constituencies=None):
    """Reports not yet resolved; those about no known unit only when unfiltered."""
    reports = AccountReport.objects.filter(status__in=AccountReport.OPEN_STATUSES)
    if constituencies is not None:
        reports = reports.filter(unit__in=units_of(constituencies))
    return (
        reports.select_related("unit", "unit__constituency")
        .prefetch_related("unit__constituencies")
        .order_by("created_at")
    )


def open_cases(constituencies=None):
    """Disputes cases not yet closed; those about no known unit only when unfiltered.
    A referral counts here until the disputes team closes its case."""
    cases = DisputeCase.objects.open()
    if constituencies is not None:
        cases = cases.filter(unit__in=units_of(constituencies))
    return (
        cases.select_related("unit", "unit__constituency")
        .prefetch_related("unit__constituencies")
        .order_by("referred_at", "pk")
    )


def open_cases_by_clp(constituencies) -> list[tuple]:
    """(constituency, open cases) for each of `constituencies` with any, most first. A
    Local Campaign Forum's case counts for each of its CLPs."""
    cases = DisputeCase.objects.open()
    counts: dict[int, int] = {}
    direct = (
        cases.filter(
            unit__kind__in=[PartyUnit.Kind.CLP, PartyUnit.Kind.BRANCH],
            unit__constituency__in=constituencies,
        )
        .values_list("unit__constituency")
        .annotate(count=Count("pk"))
        .order_by()
    )
    forums = (
        cases.filter(unit__kind=PartyUnit.Kind.LCF, unit__constituencies__in=constituencies)
        .values_list("unit__constituencies")
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    for constituency_id, count in [*direct, *forums]:
        counts[constituency_id] = counts.get(constituency_id, 0) + count
    named = Constituency.objects.in_bulk(list(counts))
    return sorted(
        ((named[pk], count) for pk, count in counts.items()),
        key=lambda row: (-row[1], row[0].name),
    )


def key_events_at_risk(constituencies, now=None):
    """Key events starting by the end of the day AT_RISK_DAYS ahead (the days their
    officers are reminded), not yet started, whose publicity
    checklist is unfinished (or was never drawn up)."""
    now = now or timezone.now()
    return (
        KeyEventRecord.objects.filter(
            constituency__in=constituencies,
            starts_at__gte=now,
            starts_at__lt=publicity_window.publicity_horizon(now),
        )
        .filter(Q(items_total=0) | Q(items_done__lt=F("items_total")))
        .select_related("constituency")
        .prefetch_related("constituency__domains")
        .order_by("starts_at")
    )


def open_flag_counts(constituencies=None) -> dict[str, dict[str, int]]:
    """Open flags counted by kind, then by nation: {kind: {nation: count}}."""
    flags = Flag.objects.filter(resolved_on__isnull=True)
    if constituencies is not None:
        flags = flags.filter(unit__in=units_of(constituencies))
    counts = {kind: {} for kind in Flag.Kind.values}
    rows = (
        flags.annotate(nation=nation_of_unit("unit"))
        .values("kind", "nation")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["kind"]][row["nation"] or ""] = row["count"]
    return counts


@dataclass
class FlagTable:
    """Open flags as a table: a row per kind, a column per nation that has any."""

    nations: list[str]
    rows: list[tuple[str, list[int], int]]

    @property
    def total(self) -> int:
        return sum(total for _, _, total in self.rows)


def flag_table(counts: dict[str, dict[str, int]]) -> FlagTable:
    nations = [
        nation
        for nation in Nation
        if any(nation.value in by_nation for by_nation in counts.values())
    ]
    rows = []
    for kind, label in Flag.Kind.choices:
        by_nation = counts.get(kind, {})
        rows.append((label, [by_nation.get(n.value, 0) for n in nations], sum(by_nation.values())))
    return FlagTable(nations=[nation.label for nation in nations], rows=rows)


def clps_of_unit(unit) -> list:
    """The constituencies a unit belongs to (prefetched for a Local Campaign Forum)."""
    if unit is None:
        return []
    if unit.kind == PartyUnit.Kind.LCF:
        return list(unit.constituencies.all())
    return [unit.constituency] if unit.constituency_id else []


# --- The dashboard ------------------------------------------------------------------------


@dataclass
class Listing:
    """The first LIST_LIMIT rows of a list, and how many there are in all."""

    rows: list
    count: int

    @classmethod
    def of_list(cls, rows: list):
        return cls(rows=rows[:LIST_LIMIT], count=len(rows))

    @classmethod
    def of(cls, queryset):
        rows = list(queryset[:LIST_LIMIT])
        count = len(rows) if len(rows) < LIST_LIMIT else queryset.count()
        return cls(rows=rows, count=count)

    @property
    def is_cut(self) -> bool:
        return self.count > len(self.rows)


@dataclass
class ComplianceReport:
    nation: str
    region: str
    clps: int
    without_administrator: Listing
    course: object
    untrained_officers: Listing
    lapsing_certificates: Listing
    flagged_entries: Listing
    open_reports: Listing
    open_cases: Listing
    events_at_risk: Listing
    cases_by_clp: list = field(default_factory=list)
    group_admin_course: object = None
    untrained_group_admins: Listing | None = None
    group_admins_without_member_record: Listing | None = None
    flag_counts: dict = field(default_factory=dict)
    flags_by_nation: FlagTable | None = None

    @property
    def with_administrator(self) -> int:
        return self.clps - self.without_administrator.count

    @property
    def unowned(self) -> int:
        return self.flag_counts.get(Flag.Kind.NO_CURRENT_CONTROLLER, 0)

    @property
    def unreviewed(self) -> int:
        return self.flag_counts.get(Flag.Kind.NOT_REVIEWED, 0)

    @property
    def holders_not_members(self) -> int:
        return self.flag_counts.get(Flag.Kind.HOLDER_NOT_MEMBER, 0)


def compliance_report(nation: str = "", region: str = "", *, on=None) -> ComplianceReport:
    """Everything the dashboard shows for the active CLPs of `nation` and `region`
    (all of them when blank). Designated administrators are counted live; register
    entries by their open flags (from the last nightly check)."""
    on = on or timezone.localdate()
    chosen = clps(nation, region)
    filtered = bool(nation or region)
    course = publishing_course()
    flag_counts = entry_flags(chosen).values("kind").annotate(count=Count("pk")).order_by()
    admin_course = group_admin_course()
    admins = group_admins(chosen, admin_course)
    report = ComplianceReport(
        nation=nation,
        region=region,
        clps=chosen.count(),
        without_administrator=Listing.of(without_administrator(chosen, on)),
        course=course,
        untrained_officers=Listing.of(untrained_officers(chosen, course, on)),
        lapsing_certificates=Listing.of(lapsing_certificates(chosen, course, on)),
        flagged_entries=Listing.of(flagged_entries(chosen)),
        open_reports=Listing.of(open_reports(chosen if filtered else None)),
        open_cases=Listing.of(open_cases(chosen if filtered else None)),
        cases_by_clp=open_cases_by_clp(chosen),
        events_at_risk=Listing.of(key_events_at_risk(chosen)),
        group_admin_course=admin_course,
        untrained_group_admins=Listing.of_list(
            [a for a in admins if a.has_member_record and not a.completed_course]
            if admin_course
            else []
        ),
        group_admins_without_member_record=Listing.of_list(
            [a for a in admins if not a.has_member_record]
        ),
        flag_counts={row["kind"]: row["count"] for row in flag_counts},
        flags_by_nation=flag_table(open_flag_counts(chosen)),
    )
    for flag in report.flagged_entries.rows:
        flag.clps = clps_of_unit(flag.unit)
    for account_report in report.open_reports.rows:
        account_report.clps = clps_of_unit(account_report.unit)
    for case in report.open_cases.rows:
        case.clps = clps_of_unit(case.unit)
    return report
