"""What central staff see of compliance across every CLP: the dashboard's counts and
lists, the nightly snapshots per nation, and the coverage chart drawn from them.

Every function here answers in a fixed number of queries, whatever the number of
constituencies, officers or register entries: the dashboard covers about 630 CLPs."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, When
from django.utils import timezone

from constituencies.models import Constituency, Nation
from membersnet.training.models import CourseCompletion
from membersnet.training.progress import publishing_course
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES, Appointment

from . import publicity_window
from .models import (
    AccountReport,
    ComplianceSnapshot,
    Flag,
    KeyEventRecord,
    PartyUnit,
    PresenceEntry,
)

AT_RISK_DAYS = publicity_window.DAYS_AHEAD
# A list longer than this shows its first rows and its full count; filters narrow it.
LIST_LIMIT = 100
CHART_DAYS = 90

ENTRY_FLAG_KINDS = (Flag.Kind.NO_CURRENT_CONTROLLER, Flag.Kind.NOT_REVIEWED)


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
    """The regions set on active sites, for the dashboard's filter."""
    return list(
        Constituency.objects.active()
        .exclude(region="")
        .order_by("region")
        .values_list("region", flat=True)
        .distinct()
    )


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


def completed(course) -> Exists:
    """For an Appointment queryset: has its holder completed `course`?"""
    return Exists(CourseCompletion.objects.filter(user=OuterRef("user"), course=course))


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


def without_administrator(constituencies, on=None):
    return (
        constituencies.annotate(covered=has_administrator(on))
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
        .exclude(completed(course))
        .select_related("user", "constituency")
        .order_by("constituency__name", "role", "user__email")
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
    flagged_entries: Listing
    open_reports: Listing
    events_at_risk: Listing
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


def compliance_report(nation: str = "", region: str = "", *, on=None) -> ComplianceReport:
    """Everything the dashboard shows for the active CLPs of `nation` and `region`
    (all of them when blank). Designated administrators are counted live; register
    entries by their open flags (from the last nightly check)."""
    on = on or timezone.localdate()
    chosen = clps(nation, region)
    filtered = bool(nation or region)
    course = publishing_course()
    flag_counts = entry_flags(chosen).values("kind").annotate(count=Count("pk")).order_by()
    report = ComplianceReport(
        nation=nation,
        region=region,
        clps=chosen.count(),
        without_administrator=Listing.of(without_administrator(chosen, on)),
        course=course,
        untrained_officers=Listing.of(untrained_officers(chosen, course, on)),
        flagged_entries=Listing.of(flagged_entries(chosen)),
        open_reports=Listing.of(open_reports(chosen if filtered else None)),
        events_at_risk=Listing.of(key_events_at_risk(chosen)),
        flag_counts={row["kind"]: row["count"] for row in flag_counts},
        flags_by_nation=flag_table(open_flag_counts(chosen)),
    )
    for flag in report.flagged_entries.rows:
        flag.clps = clps_of_unit(flag.unit)
    for account_report in report.open_reports.rows:
        account_report.clps = clps_of_unit(account_report.unit)
    return report


# --- Snapshots -------------------------------------------------------------------------------


def _count_by(queryset, nation_field) -> dict[str, int]:
    return dict(
        queryset.annotate(_nation=nation_field)
        .values("_nation")
        .annotate(count=Count("pk", distinct=True))
        .order_by()
        .values_list("_nation", "count")
    )


def record_snapshots(on=None) -> list[ComplianceSnapshot]:
    """Record one ComplianceSnapshot per nation with active CLPs, for `on` (today by
    default). Recording again on the same day replaces that day's figures."""
    on = on or timezone.localdate()
    active = Constituency.objects.active()
    units = units_of(active)
    course = publishing_course()
    officers = Appointment.objects.current(on).filter(constituency__in=active)
    trained = officers.filter(completed(course)) if course else officers
    entries = PresenceEntry.objects.filter(unit__in=units)
    flagged = entries.filter(
        Exists(Flag.objects.filter(entry=OuterRef("pk"), resolved_on__isnull=True))
    )
    reports = AccountReport.objects.filter(status__in=AccountReport.OPEN_STATUSES, unit__in=units)

    clp_counts = _count_by(active, F("nation"))
    with_admin = _count_by(active.filter(has_administrator(on)), F("nation"))
    officer_counts = _count_by_user(officers)
    trained_counts = _count_by_user(trained)
    entry_counts = _count_by(entries, nation_of_unit("unit"))
    flagged_counts = _count_by(flagged, nation_of_unit("unit"))
    report_counts = _count_by(reports, nation_of_unit("unit"))

    snapshots = [
        ComplianceSnapshot(
            taken_on=on,
            nation=nation,
            clps=clp_counts[nation],
            clps_with_administrator=with_admin.get(nation, 0),
            officers=officer_counts.get(nation, 0),
            trained_officers=trained_counts.get(nation, 0),
            entries=entry_counts.get(nation, 0),
            flagged_entries=flagged_counts.get(nation, 0),
            open_reports=report_counts.get(nation, 0),
        )
        for nation in Nation.values
        if clp_counts.get(nation)
    ]
    return ComplianceSnapshot.objects.bulk_create(
        snapshots,
        update_conflicts=True,
        unique_fields=["taken_on", "nation"],
        update_fields=[
            "clps",
            "clps_with_administrator",
            "officers",
            "trained_officers",
            "entries",
            "flagged_entries",
            "open_reports",
        ],
    )


def _count_by_user(appointments) -> dict[str, int]:
    """People (not roles) holding `appointments`, by their constituency's nation."""
    return dict(
        appointments.values("constituency__nation")
        .annotate(count=Count("user", distinct=True))
        .order_by()
        .values_list("constituency__nation", "count")
    )


# --- The coverage chart -----------------------------------------------------------------------

# Each nation's line differs in colour, dash and marker, so none depends on colour
# alone (WCAG 1.4.1); every colour is over 3:1 on white (1.4.11).
LINE_STYLES = {
    Nation.ENGLAND: ("#c8102e", "", "circle"),
    Nation.SCOTLAND: ("#1f5fa8", "8 4", "square"),
    Nation.WALES: ("#1e6b3a", "2 4", "diamond"),
    Nation.NORTHERN_IRELAND: ("#6b3fa0", "10 4 2 4", "triangle"),
}


@dataclass
class ChartPoint:
    x: float
    y: float
    on: dt.date
    share: int

    def marker(self, shape: str, size: float = 4.5) -> str:
        """An SVG path drawing this point as `shape`."""
        x, y, s = self.x, self.y, size
        if shape == "square":
            corners = [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
        elif shape == "diamond":
            corners = [(x, y - s - 1), (x + s + 1, y), (x, y + s + 1), (x - s - 1, y)]
        elif shape == "triangle":
            corners = [(x, y - s - 1), (x + s + 1, y + s), (x - s - 1, y + s)]
        else:
            return f"M{x - s:.1f},{y:.1f}a{s},{s} 0 1,0 {2 * s:.1f},0a{s},{s} 0 1,0 {-2 * s:.1f},0Z"
        return "M" + "L".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners) + "Z"


@dataclass
class ChartLine:
    nation: str
    label: str
    colour: str
    dash: str
    marker: str
    points: list[ChartPoint]
    label_y: float = 0.0

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def markers(self) -> list[str]:
        return [point.marker(self.marker) for point in self.points]

    @property
    def label_x(self) -> str:
        return f"{self.latest.x + 10:.1f}"

    @property
    def latest(self) -> ChartPoint:
        return self.points[-1]


@dataclass
class CoverageChart:
    """Coordinates for an SVG line chart of the share of CLPs with a designated
    administrator, per nation per day, and the same figures as table rows."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    lines: list[ChartLine]
    y_ticks: list[tuple[float, str]]
    x_ticks: list[tuple[float, str]]
    rows: list[tuple[dt.date, list[str]]]
    first: dt.date
    last: dt.date

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def description(self) -> str:
        latest = "; ".join(
            f"{line.label} {line.latest.share}% on {line.latest.on:%-d %B %Y}"
            for line in self.lines
        )
        return (
            f"Share of active CLPs with a designated administrator, by nation, from "
            f"{self.first:%-d %B %Y} to {self.last:%-d %B %Y}. Latest: {latest}."
        )


def coverage_snapshots(nation: str = "", *, days: int = CHART_DAYS, today=None):
    today = today or timezone.localdate()
    snapshots = ComplianceSnapshot.objects.filter(
        taken_on__gt=today - dt.timedelta(days=days), clps__gt=0
    )
    if nation:
        snapshots = snapshots.filter(nation=nation)
    return snapshots.order_by("taken_on", "nation")


def share(snapshot) -> int:
    return round(100 * snapshot.clps_with_administrator / snapshot.clps) if snapshot.clps else 0


def coverage_chart(snapshots, *, width=640, height=260) -> CoverageChart | None:
    """Lay out `snapshots` (ordered by day) as a line per nation; None if there are none."""
    snapshots = list(snapshots)
    if not snapshots:
        return None
    left, right, top, bottom = 48, 130, 20, 40
    plot_width, plot_height = width - left - right, height - top - bottom
    first, last = snapshots[0].taken_on, snapshots[-1].taken_on
    span = (last - first).days

    def x(day):
        if not span:
            return round(left + plot_width / 2, 1)
        return round(left + plot_width * (day - first).days / span, 1)

    def y(percent):
        return round(top + plot_height * (100 - percent) / 100, 1)

    by_nation: dict[str, list] = {}
    for snapshot in snapshots:
        by_nation.setdefault(snapshot.nation, []).append(snapshot)
    lines = []
    for nation in Nation.values:
        if nation not in by_nation:
            continue
        colour, dash, marker = LINE_STYLES[nation]
        points = [
            ChartPoint(x=x(s.taken_on), y=y(share(s)), on=s.taken_on, share=share(s))
            for s in by_nation[nation]
        ]
        lines.append(
            ChartLine(
                nation=nation,
                label=Nation(nation).label,
                colour=colour,
                dash=dash,
                marker=marker,
                points=points,
            )
        )
    _place_labels(lines, minimum=top + 4, maximum=top + plot_height + 4)

    days = sorted({s.taken_on for s in snapshots})
    x_ticks = [(x(first), f"{first:%-d %b}")]
    if span >= 2:
        middle = first + dt.timedelta(days=span // 2)
        x_ticks.append((x(middle), f"{middle:%-d %b}"))
    if span:
        x_ticks.append((x(last), f"{last:%-d %b}"))
    table = {(s.taken_on, s.nation): s for s in snapshots}
    rows = [
        (
            day,
            [_cell(table.get((day, line.nation))) for line in lines],
        )
        for day in reversed(days)
    ]
    return CoverageChart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        lines=lines,
        y_ticks=[(y(percent), f"{percent}%") for percent in (0, 25, 50, 75, 100)],
        x_ticks=x_ticks,
        rows=rows,
        first=first,
        last=last,
    )


def _cell(snapshot) -> str:
    if snapshot is None:
        return "–"
    return f"{share(snapshot)}% ({snapshot.clps_with_administrator} of {snapshot.clps})"


def _place_labels(lines, *, minimum, maximum, gap=16):
    """Put each line's name beside its last point, nudged apart so none overlap and
    all stay within the plot."""
    ordered = sorted(lines, key=lambda line: line.latest.y)
    position = minimum - gap
    for line in ordered:
        position = max(line.latest.y + 4, position + gap)
        line.label_y = position
    position = maximum + gap
    for line in reversed(ordered):
        position = min(line.label_y, position - gap)
        line.label_y = position
