"""Central staff opening a member record in the hub's admin leave a trace in the audit
log: who, when, which record and whose it is. Those refused leave none."""

import pytest

from governance.models import AuditEvent
from membersnet.members.models import Member
from tests.factories import make_member
from tests.helpers import client_for

RECORDS = "/admin/member-records/"


@pytest.fixture
def record(clp_a):
    user = make_member(clp_a, email="Mo.Member@example.org")
    return Member.objects.get(user=user)


@pytest.mark.parametrize("view", ["inspect", "edit"])
def test_opening_a_member_record_is_audited(staff, staff_user, record, clp_a, view):
    assert staff.get(f"{RECORDS}{view}/{record.pk}/").status_code == 200
    [entry] = AuditEvent.objects.filter(action="member.viewed")
    assert entry.actor == staff_user
    assert entry.people == ["mo.member@example.org"]
    assert entry.record == f"members.Member:{record.pk}"
    assert entry.constituency == clp_a
    assert record.membership_number in entry.summary
    assert entry.at is not None

    staff.get(f"{RECORDS}{view}/{record.pk}/")
    assert AuditEvent.objects.filter(action="member.viewed").count() == 2


def test_the_list_and_saving_are_not_views_of_one_record(staff, record):
    assert staff.get(RECORDS).status_code == 200
    assert not AuditEvent.objects.filter(action="member.viewed").exists()


@pytest.mark.parametrize(
    ("who", "where"),
    [
        ("anonymous", "hub"),
        ("member_user", "hub"),
        ("officer_a", "hub"),
        ("officer_a", "site"),
        ("officer_b", "site"),
    ],
)
def test_those_refused_a_member_record_leave_no_entry(request, record, clp_a, who, where):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for("localhost" if where == "hub" else clp_a, user)
    for view in ("inspect", "edit"):
        response = client.get(f"{RECORDS}{view}/{record.pk}/")
        assert response.status_code in (302, 403, 404)
        assert "Mo.Member@example.org" not in response.content.decode()
    assert not AuditEvent.objects.filter(action="member.viewed").exists()
