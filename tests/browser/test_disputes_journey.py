"""A member of the disputes team, in a real browser, takes a referred account from
"Received" to an outcome in the hub's admin: signs in with an authenticator code, opens
the case from the list, moves it on with a note each time, and sees its history."""

import uuid

import pytest
from playwright.sync_api import expect

from constituencies.models import Constituency
from governance.disputes.referral import refer_report
from governance.disputes.team import ensure_disputes_team
from governance.models import AccountReport, AuditEvent, DisputeCase, PartyUnit
from governance.reports.workflow import submit_report
from outbox.models import OutgoingEmail
from tests.browser.conftest import sign_in
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
HUB = "localhost"


@pytest.fixture
def suffix():
    return uuid.uuid4().hex[:6]


@pytest.fixture
def case(committed, suffix):
    """Testford North's report of a fake account, referred by central staff."""
    with committed():
        north = Constituency.objects.get(gss_code="E14999901")
        unit, created = PartyUnit.objects.get_or_create(
            kind=PartyUnit.Kind.CLP, constituency=north, defaults={"name": north.name}
        )
        if created:
            committed.cleanup(unit)
        referrer = committed.cleanup(
            UserFactory(email=f"referrer-{suffix}@example.org", is_central_staff=True)
        )
        report = committed.cleanup(
            submit_report(
                unit=unit,
                account=f"@FakeNorth{suffix}",
                reason=AccountReport.Reason.NOT_ON_REGISTER,
                details="Claims to be the CLP.",
            )
        )
        case, _ = refer_report(report, actor=referrer, reason="Nobody in the CLP runs it.")

    @committed.defer
    def forget_the_audit_trail():
        AuditEvent.objects.filter(summary__contains=suffix).delete()
        DisputeCase.objects.filter(pk=case.pk).delete()
        # The emails about the report and the referral, queued in the hub's outbox.
        OutgoingEmail.objects.filter(subject__contains=suffix).delete()

    return case


@pytest.fixture
def team_member(committed, suffix):
    with committed():
        user = UserFactory(
            email=f"disputes-{suffix}@example.org",
            first_name="Dana",
            last_name="Disputes",
            is_central_staff=True,
            mfa=True,
        )
        user.groups.add(ensure_disputes_team())
        return committed.cleanup(user)


def test_the_disputes_team_takes_a_case_to_an_outcome(
    desktop, site, committed, case, team_member, screenshots
):
    page = desktop
    sign_in(page, site, HUB, team_member.email, PASSWORD, next_path="/admin/disputes/")
    expect(page.get_by_role("heading", name="Disputes cases")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=case.account)
    expect(row).to_contain_text("Received")
    screenshots(page, "open-cases")

    row.get_by_role("link", name=f"#{case.pk}").click()
    expect(page.get_by_role("heading", name=f"Case #{case.pk}")).to_be_visible()
    page.get_by_label("Move it to").select_option("investigating")
    page.get_by_label("Note").fill("Asked the platform who runs it.")
    page.get_by_role("button", name="Move the case on").click()
    expect(page.get_by_text("is now “Under investigation”")).to_be_visible()

    # An outcome without a note is refused, and nothing moves.
    page.get_by_label("Move it to").select_option("suspension_referred")
    page.get_by_role("button", name="Move the case on").click()
    expect(page.get_by_text("Nothing was changed: see why below.")).to_be_visible()
    refusal = page.get_by_text("Add a note: the case's history keeps why it moved.")
    expect(refusal).to_be_visible()
    refusal.scroll_into_view_if_needed()
    screenshots(page, "note-needed")

    page.get_by_label("Note").fill("A member runs it and refused to hand it over.")
    page.get_by_role("button", name="Move the case on").click()
    expect(page.get_by_text("is now “Outcome: suspension referred”")).to_be_visible()
    change = page.get_by_text("Under investigation → Outcome: suspension referred")
    expect(change).to_be_visible()
    screenshots(page, "outcome")
    change.scroll_into_view_if_needed()
    screenshots(page, "history")

    with committed():
        case.refresh_from_db()
        assert case.state == DisputeCase.State.SUSPENSION_REFERRED
        assert case.history.filter(kind="state").count() == 2
