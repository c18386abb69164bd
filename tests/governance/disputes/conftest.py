"""The disputes tests' cast: a member of central staff in the disputes team, reports to
refer, and the member record of the person who runs the account."""

import io

import pytest
from django.contrib.auth.models import Group
from PIL import Image

from governance.disputes.referral import refer_report
from governance.disputes.team import DISPUTES_TEAM, ensure_disputes_team
from tests.factories import MemberFactory, UserFactory
from tests.governance.reports.shared import make_report


@pytest.fixture
def disputes_user(db):
    """Central staff, in the disputes team."""
    user = UserFactory(email="disputes@example.org", is_central_staff=True, mfa=True)
    user.groups.add(ensure_disputes_team())
    return user


@pytest.fixture
def team_group(db):
    return Group.objects.get(name=DISPUTES_TEAM)


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST, running what is queued on commit (the emails) as a real request would."""

    def _post(client, path, data=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data or {}, **extra)

    return _post


@pytest.fixture
def report_a(unit_a):
    return make_report(unit_a, "@FakeTestfordNorth")


@pytest.fixture
def report_b(unit_b):
    return make_report(unit_b, "@FakeTestfordSouth")


@pytest.fixture
def case_a(report_a, officer_a, clp_a):
    """Report A, referred by A's Secretary."""
    case, _ = refer_report(
        report_a, actor=officer_a, reason="Run by a member, not by us.", constituency=clp_a
    )
    return case


@pytest.fixture
def case_b(report_b, staff_user):
    case, _ = refer_report(report_b, actor=staff_user, reason="Not the CLP's.")
    return case


@pytest.fixture
def accused(clp_a):
    """The member record of whoever runs the account."""
    return MemberFactory(constituency=clp_a, name="Alex Accused", email="accused@example.org")


@pytest.fixture
def member_of_b(clp_b):
    return MemberFactory(constituency=clp_b, name="Bea Elsewhere", email="b.member@example.org")


def image_bytes(kind="PNG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


def case_url(case, action=""):
    return f"/admin/disputes/{case.pk}/{action + '/' if action else ''}"


def refer_url(report):
    return f"/admin/disputes/refer/{report.pk}/"


CASES = "/admin/disputes/"
