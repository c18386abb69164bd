"""The compliance dashboard counts every disputes case until the team closes it, per CLP
and in all: a referral no longer drops off the dashboard."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.compliance import dashboard
from governance.disputes.casework import change_case_state
from governance.disputes.referral import refer_report
from governance.models import DisputeCase, PartyUnit
from governance.tasks import email_compliance_summary
from tests.governance.compliance.test_dashboard import DASHBOARD, section
from tests.governance.reports.shared import make_report
from tests.helpers import client_for, page_of, text_of

State = DisputeCase.State


def test_open_cases_show_per_clp_and_in_all_until_closed(
    staff, disputes_user, case_a, case_b, clp_a, clp_b, staff_user
):
    forum = PartyUnit.objects.create(kind="lcf", name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    forum_case, _ = refer_report(make_report(forum, "@FakeForum"), actor=staff_user, reason="x")
    refer_report(make_report(None, "@FakeNowhere"), actor=staff_user, reason="x")

    html = page_of(staff.get(DASHBOARD))
    cases = section(html, "cases")
    assert "Open disputes cases (4)" in cases
    assert "4 open disputes cases" in text_of(staff.get(DASHBOARD))
    assert dashboard.open_cases_by_clp(dashboard.clps()) == [(clp_a, 2), (clp_b, 2)]
    for account in ("@FakeTestfordNorth", "@FakeTestfordSouth", "@FakeForum", "@FakeNowhere"):
        assert account in cases

    # An outcome still counts; only closing takes a case off.
    for state in (State.INVESTIGATING, State.WARNING):
        change_case_state(case_b, state, actor=disputes_user, note="x")
    assert "Open disputes cases (4)" in section(page_of(staff.get(DASHBOARD)), "cases")
    change_case_state(case_b, State.CLOSED, actor=disputes_user, note="x")
    cases = section(page_of(staff.get(DASHBOARD)), "cases")
    assert "Open disputes cases (3)" in cases
    assert "@FakeTestfordSouth" not in cases
    assert dashboard.open_cases_by_clp(dashboard.clps()) == [(clp_a, 2), (clp_b, 1)]

    # Filtered to Wales: B's forum case only (a case naming no unit shows unfiltered).
    cases = section(page_of(staff.get(DASHBOARD, {"nation": "W"})), "cases")
    assert "Open disputes cases (1)" in cases
    assert "@FakeForum" in cases


def test_the_cases_take_the_same_queries_however_many(
    staff, staff_user, unit_a, unit_b, case_a, django_assert_max_num_queries
):
    staff.get(DASHBOARD)
    with CaptureQueriesContext(connection) as one:
        page_of(staff.get(DASHBOARD))
    for number in range(10):
        report = make_report(unit_a if number % 2 else unit_b, f"@Fake{number}")
        refer_report(report, actor=staff_user, reason="More.")
    with django_assert_max_num_queries(len(one)):
        assert "Open disputes cases (11)" in section(page_of(staff.get(DASHBOARD)), "cases")


def test_officers_and_members_do_not_reach_it(member_user, officer_a, case_a):
    for user in (member_user, officer_a):
        assert client_for("localhost", user).get(DASHBOARD).status_code == 403


def test_the_nightly_summary_counts_the_open_cases(staff_user, case_a, mailoutbox):
    email_compliance_summary()
    [summary] = mailoutbox
    assert "Open cases with the disputes team: 1 (the dashboard lists them)." in summary.body
