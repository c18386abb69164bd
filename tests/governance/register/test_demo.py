"""The governance demo data."""

from django.core.management import call_command

from constituencies.models import Constituency
from governance.demo import fill_demo_governance
from governance.models import (
    AccountReport,
    ComplianceSnapshot,
    DisputeCase,
    Flag,
    PartyUnit,
    PresenceEntry,
    ReportEvent,
    SignInHolder,
)
from governance.register.units import ensure_clp_unit

from .flag_helpers import NO_ADMINISTRATOR, NO_CURRENT_CONTROLLER, NOT_REVIEWED, open_flag


def test_the_demo_shows_every_flag_and_can_be_filled_twice(db):

    call_command("load_demo")
    fill_demo_governance()

    def state():
        return (
            PartyUnit.objects.count(),
            PresenceEntry.objects.count(),
            SignInHolder.objects.count(),
            AccountReport.objects.count(),
            ReportEvent.objects.count(),
            DisputeCase.objects.count(),
            sorted(Flag.objects.values_list("kind", "unit__name", "entry__handle", "resolved_on")),
            ComplianceSnapshot.objects.count(),
        )

    before = state()
    fill_demo_governance()
    assert state() == before

    glasgow = Constituency.objects.get(gss_code="S14000084")
    assert open_flag(NO_ADMINISTRATOR, ensure_clp_unit(glasgow))
    unowned = PresenceEntry.objects.get(handle="@CardiffEastLabour")
    assert open_flag(NO_CURRENT_CONTROLLER, unowned.unit, unowned)
    unreviewed = PresenceEntry.objects.get(handle="@BristolEastLabour")
    assert open_flag(NOT_REVIEWED, unreviewed.unit, unreviewed)
    demo_flags = Flag.objects.filter(resolved_on__isnull=True).exclude(
        unit__name__startswith="Testford"
    )
    assert sorted(demo_flags.values_list("kind", flat=True)) == sorted(
        [NO_ADMINISTRATOR, NO_CURRENT_CONTROLLER, NOT_REVIEWED, Flag.Kind.HOLDER_NOT_MEMBER]
    )
    # The branch's Facebook group has a group admin who is not an officer (a member) and
    # one with no member record, who is what its flag is about.
    group = PresenceEntry.objects.get(platform="facebook_group")
    assert open_flag(Flag.Kind.HOLDER_NOT_MEMBER, group.unit, group)
    assert set(group.other_holders.values_list("email", flat=True)) == {
        "member@example.org",
        "jo.ahmed@example.org",
    }
    assert group.unit.kind == PartyUnit.Kind.BRANCH
    assert PartyUnit.objects.filter(kind=PartyUnit.Kind.BRANCH).exists()
    assert PartyUnit.objects.filter(kind=PartyUnit.Kind.LCF).exists()
    assert set(PresenceEntry.objects.values_list("platform", flat=True)) >= {
        "website",
        "facebook_page",
        "x",
        "bluesky",
    }
    statuses = set(AccountReport.objects.values_list("status", flat=True))
    assert statuses == {"investigating", "resolved_removed", "referred"}
    case = DisputeCase.objects.get(account="@CardiffEastLabourHQ")
    assert case.state == "received"
    assert case.referred_by.groups.filter(name="Disputes team").exists()
    assert (
        dict(Constituency.objects.sites().values_list("gss_code", "region")).items()
        >= {
            "E14001132": "South West",
            "W07000089": "Wales",
            "S14000084": "Scotland",
        }.items()
    )
    scotland = ComplianceSnapshot.objects.filter(nation="S")
    assert scotland.count() > 3
    assert {s.clps_with_administrator for s in scotland} == {0}
