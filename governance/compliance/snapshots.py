"""Nightly snapshots of the dashboard's figures, one per nation, for the coverage chart."""

import datetime as dt

from django.db.models import Count, Exists, F, OuterRef
from django.utils import timezone

from constituencies.models import Constituency, Nation
from governance.compliance.dashboard import completed, has_administrator, nation_of_unit, units_of
from governance.models import (
    AccountReport,
    ComplianceSnapshot,
    Flag,
    PresenceEntry,
)
from membersnet.training.progress import publishing_course
from roles.models import Appointment

CHART_DAYS = 90


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
    trained = officers.filter(completed(course, on)) if course else officers
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


def coverage_snapshots(nation: str = "", *, days: int = CHART_DAYS, today=None):
    today = today or timezone.localdate()
    snapshots = ComplianceSnapshot.objects.filter(
        taken_on__gt=today - dt.timedelta(days=days), clps__gt=0
    )
    if nation:
        snapshots = snapshots.filter(nation=nation)
    return snapshots.order_by("taken_on", "nation")
