"""Demo governance data for `make run`: a branch and a Local Campaign Forum, register
entries for the three demo CLPs, three reports (one referred to the disputes team, whose
group the demo's central staff join), regions, the flags they raise and a few weeks of
compliance snapshots. Every handle and address is invented.

Called by `load_demo` once the demo users exist; running it again changes nothing
but the dates, which stay relative to today."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from constituencies.models import Constituency
from governance import audit
from governance.compliance.snapshots import record_snapshots
from governance.disputes.referral import refer_report
from governance.disputes.team import ensure_disputes_team
from governance.models import (
    AccountReport,
    DisputeCase,
    PartyUnit,
    PresenceEntry,
    ReportEvent,
    SignInHolder,
)
from governance.register.flags import check_flags
from governance.register.units import (
    ensure_clp_units,
)

BRISTOL_EAST, CARDIFF_EAST, GLASGOW_EAST = "E14001132", "W07000089", "S14000084"
REGIONS = {BRISTOL_EAST: "South West", CARDIFF_EAST: "Wales", GLASGOW_EAST: "Scotland"}

BRANCH = ("Lawrence Hill", BRISTOL_EAST)
FORUM = ("Cardiff Local Campaign Forum", [CARDIFF_EAST])

# (unit: a GSS code for the CLP, "branch" or "forum"; platform; handle; address;
#  purpose; controllers' emails; months since last reviewed)
Platform = PresenceEntry.Platform
ENTRIES = [
    (
        BRISTOL_EAST,
        Platform.WEBSITE,
        "",
        "https://bristoleastlabour.example.org/",
        "The CLP's old campaign site, now pointing at its LabourHub site.",
        ["secretary@example.org", "smo@example.org"],
        2,
    ),
    (
        BRISTOL_EAST,
        Platform.FACEBOOK_PAGE,
        "BristolEastLabour",
        "https://www.facebook.com/BristolEastLabour",
        "News, events and campaign days for members and supporters.",
        ["smo@example.org", "editor@example.org"],
        1,
    ),
    (
        # Not reviewed for 14 months: flagged.
        BRISTOL_EAST,
        Platform.X,
        "@BristolEastLabour",
        "https://x.com/BristolEastLabour",
        "Campaign updates and replies to constituents.",
        ["smo@example.org"],
        14,
    ),
    (
        BRISTOL_EAST,
        Platform.BLUESKY,
        "@bristoleastlabour.bsky.social",
        "https://bsky.app/profile/bristoleastlabour.bsky.social",
        "Campaign updates.",
        ["smo@example.org", "secretary@example.org"],
        3,
    ),
    (
        "branch",
        Platform.FACEBOOK_GROUP,
        "",
        "https://www.facebook.com/groups/lawrencehilllabour",
        "The branch's members' group: meetings and door-knocking sessions.",
        ["editor@example.org", "secretary@example.org"],
        5,
    ),
    (
        CARDIFF_EAST,
        Platform.WEBSITE,
        "",
        "https://cardiffeastlabour.example.org/",
        "The CLP's old site, kept for its archive of newsletters.",
        ["cardiff.secretary@example.org"],
        4,
    ),
    (
        # Controlled only by the former Social Media Officer: flagged.
        CARDIFF_EAST,
        Platform.X,
        "@CardiffEastLabour",
        "https://x.com/CardiffEastLabour",
        "Campaign updates in English and Welsh.",
        ["former@example.org"],
        6,
    ),
    (
        CARDIFF_EAST,
        Platform.FACEBOOK_PAGE,
        "CardiffEastLabour",
        "https://www.facebook.com/CardiffEastLabour",
        "News and events.",
        ["cardiff.secretary@example.org", "former@example.org"],
        2,
    ),
    (
        "forum",
        Platform.BLUESKY,
        "@cardifflabour.bsky.social",
        "https://bsky.app/profile/cardifflabour.bsky.social",
        "The forum's council campaign across the city.",
        ["cardiff.secretary@example.org"],
        1,
    ),
    (
        GLASGOW_EAST,
        Platform.WEBSITE,
        "",
        "https://glasgoweastlabour.example.org/",
        "The CLP's old site.",
        ["glasgow.editor@example.org"],
        3,
    ),
    (
        GLASGOW_EAST,
        Platform.X,
        "@GlasgowEastLab",
        "https://x.com/GlasgowEastLab",
        "Campaign updates.",
        ["glasgow.editor@example.org"],
        2,
    ),
]

CREDENTIALS_NOTE = "In the CLP's shared password manager, shared with the Secretary."
# Group admins who are not officers, by entry address: one is a member (by her email),
# the other has no member record, so the register flags the group.
OTHER_HOLDERS = {
    "https://www.facebook.com/groups/lawrencehilllabour": [
        ("Morgan Member", "member@example.org"),
        ("Jo Ahmed", "jo.ahmed@example.org"),
    ],
}
RECOVERY_EMAIL = "socialmedia@bristoleastlabour.example.org"
SNAPSHOT_WEEKS = 12


def _months_ago(today: dt.date, months: int) -> dt.date:
    # Day 28 exists in every month, so no month arithmetic can fail.
    month_index = today.year * 12 + today.month - 1 - months
    return dt.date(month_index // 12, month_index % 12 + 1, min(today.day, 28))


@transaction.atomic
def fill_demo_governance(today: dt.date | None = None) -> dict:
    """Fill the demo constituencies' governance data (see the module docstring).
    Returns what the check found."""
    today = today or timezone.localdate()
    constituencies = {c.gss_code: c for c in Constituency.objects.filter(gss_code__in=REGIONS)}
    if len(constituencies) < len(REGIONS):
        return {"skipped": "the demo constituencies are not provisioned"}
    for gss_code, region in REGIONS.items():
        Constituency.objects.filter(gss_code=gss_code).update(region=region)
    ensure_clp_units()
    units = {
        unit.constituency.gss_code: unit
        for unit in PartyUnit.objects.filter(
            kind=PartyUnit.Kind.CLP, constituency__in=constituencies.values()
        ).select_related("constituency")
    }
    units["branch"], _ = PartyUnit.objects.get_or_create(
        kind=PartyUnit.Kind.BRANCH,
        name=BRANCH[0],
        defaults={"constituency": constituencies[BRANCH[1]]},
    )
    units["forum"], _ = PartyUnit.objects.get_or_create(kind=PartyUnit.Kind.LCF, name=FORUM[0])
    units["forum"].constituencies.set([constituencies[code] for code in FORUM[1]])

    users = {user.email: user for user in get_user_model().objects.all()}
    for unit_key, platform, handle, url, purpose, controllers, months in ENTRIES:
        entry, _ = PresenceEntry.objects.update_or_create(
            unit=units[unit_key],
            platform=platform,
            url=url,
            defaults={
                "handle": handle,
                "purpose": purpose,
                "credentials_note": CREDENTIALS_NOTE,
                "last_reviewed_on": _months_ago(today, months),
                "recovery_email": RECOVERY_EMAIL if unit_key == BRISTOL_EAST else "",
            },
        )
        entry.controllers.set([users[email] for email in controllers if email in users])
        entry.other_holders.all().delete()
        for name, email in OTHER_HOLDERS.get(url, []):
            SignInHolder.objects.create(entry=entry, name=name, email=email)

    _reports(units, users)
    _dispute(units, users)
    result = check_flags(today)
    for weeks in range(SNAPSHOT_WEEKS, -1, -1):
        record_snapshots(today - dt.timedelta(weeks=weeks))
    return {
        "open": {str(kind): count for kind, count in result.open.items()},
        "raised": {str(kind): count for kind, count in result.raised.items()},
    }


def _reports(units, users) -> None:
    staff = users.get("staff@example.org")
    open_report, created = AccountReport.objects.get_or_create(
        account="@BristolEastLabourParty",
        defaults={
            "unit": units[BRISTOL_EAST],
            "reason": AccountReport.Reason.NOT_ON_REGISTER,
            "details": "This account posts as Bristol East Labour but isn't the one on "
            "the CLP's site. It has been asking people for donations.",
            "reporter_name": "Alex Resident",
            "reporter_email": "alex.resident@example.org",
            "status": AccountReport.Status.INVESTIGATING,
            "emails_queued_at": timezone.now(),  # told long ago; the sweep leaves it
        },
    )
    if created:
        _history(
            open_report,
            staff,
            [(AccountReport.Status.INVESTIGATING, "Asked the Secretary whether it is theirs.")],
        )
    resolved, created = AccountReport.objects.get_or_create(
        account="https://www.facebook.com/groups/cardiffeastlabourmembers",
        defaults={
            "unit": units[CARDIFF_EAST],
            "reason": AccountReport.Reason.NOT_ON_REGISTER,
            "details": "A members' group calling itself the official Cardiff East Labour "
            "group, run by someone who left the CLP last year.",
            "reporter_email": "cardiff.secretary@example.org",
            "status": AccountReport.Status.RESOLVED_REMOVED,
            "emails_queued_at": timezone.now(),
        },
    )
    if created:
        _history(
            resolved,
            staff,
            [
                (AccountReport.Status.INVESTIGATING, "Wrote to the group's administrator."),
                (
                    AccountReport.Status.RESOLVED_REMOVED,
                    "The administrator agreed and closed the group.",
                ),
            ],
        )


def _dispute(units, users) -> None:
    """A report of an account a former officer kept, referred to the disputes team."""
    staff = users.get("staff@example.org")
    if staff is None:
        return
    staff.groups.add(ensure_disputes_team())
    account = "@CardiffEastLabourHQ"
    if DisputeCase.objects.filter(account=account).exists():
        return
    report = AccountReport.objects.create(
        account=account,
        unit=units[CARDIFF_EAST],
        reason=AccountReport.Reason.NOT_ON_REGISTER,
        details="Posts as the CLP's headquarters. The Secretary says a former officer "
        "set it up and won't hand over the sign-in.",
        emails_queued_at=timezone.now(),
    )
    ReportEvent.objects.create(report=report, to_status=AccountReport.Status.NEW)
    refer_report(
        report,
        actor=staff,
        reason="A former officer kept the account after leaving office and still posts as the CLP.",
    )


def _history(report, actor, changes) -> None:
    ReportEvent.objects.create(report=report, to_status=AccountReport.Status.NEW)
    previous = AccountReport.Status.NEW
    for status, note in changes:
        ReportEvent.objects.create(
            report=report, actor=actor, from_status=previous, to_status=status, note=note
        )
        audit.record(
            "report.status_changed",
            f"Report #{report.pk} ({report.account}): {AccountReport.Status(previous).label} "
            f"→ {AccountReport.Status(status).label}",
            actor=actor,
            constituency=report.unit.constituency if report.unit else None,
            unit=report.unit,
            report=report.pk,
            note=note,
        )
        previous = status
