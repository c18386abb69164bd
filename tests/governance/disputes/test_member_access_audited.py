"""The member a disputes case holds responsible is shown to the disputes team alone, and
each look is kept in the audit log (naming the case, not the member, since all central
staff read the log); central staff outside the team see the summary
without the member and leave no entry."""

import pytest

from governance.disputes.casework import link_member
from governance.models import AuditEvent
from tests.helpers import client_for

from .conftest import case_url


def _entries():
    return list(AuditEvent.objects.filter(action="dispute.member_viewed"))


def test_the_disputes_team_reading_the_member_responsible_is_audited(
    disputes_user, case_a, accused, clp_a
):
    link_member(case_a, accused, actor=disputes_user)
    team = client_for("localhost", disputes_user)
    assert "Alex Accused" in team.get(case_url(case_a)).content.decode()
    [entry] = _entries()
    assert entry.actor == disputes_user
    assert entry.record == f"governance.DisputeCase:{case_a.pk}"
    # Every central staff member reads the audit log; only the team may know who it is.
    assert entry.people == []
    assert "Alex" not in entry.summary
    assert accused.membership_number not in entry.summary
    assert entry.constituency == clp_a
    assert entry.details["case"] == case_a.pk
    team.get(case_url(case_a))
    assert len(_entries()) == 2


def test_a_case_with_no_member_records_nothing(disputes_user, case_a):
    assert client_for("localhost", disputes_user).get(case_url(case_a)).status_code == 200
    assert _entries() == []


@pytest.mark.parametrize(
    ("who", "host"),
    [
        ("anonymous", "hub"),
        ("member_user", "hub"),
        ("officer_a", "hub"),
        ("officer_a", "clp_a"),
        ("staff_user", "hub"),
    ],
)
def test_those_not_shown_the_member_leave_no_entry(
    request, disputes_user, case_a, accused, who, host
):
    link_member(case_a, accused, actor=disputes_user)
    user = None if who == "anonymous" else request.getfixturevalue(who)
    site = "localhost" if host == "hub" else request.getfixturevalue(host)
    response = client_for(site, user).get(case_url(case_a))
    assert "Alex Accused" not in response.content.decode()
    assert _entries() == []
