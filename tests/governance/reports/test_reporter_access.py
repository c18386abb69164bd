"""Who reported an account is shown to central staff alone, on the hub, and each time
they see it the audit log keeps who looked, when, and at whose details."""

import pytest

from governance.models import AuditEvent
from governance.reports.workflow import submit_report
from tests.helpers import client_for

from .shared import Status, detail_url


def _entries():
    return list(AuditEvent.objects.filter(action="report.reporter_viewed"))


def test_staff_reading_a_reporters_details_is_audited(staff_user, report_a, unit_a, clp_a):
    staff = client_for("localhost", staff_user)
    assert "rita@example.org" in staff.get(detail_url(report_a)).content.decode()
    [entry] = _entries()
    assert entry.actor == staff_user
    assert entry.people == ["rita@example.org"]
    assert entry.record == f"governance.AccountReport:{report_a.pk}"
    assert entry.unit == unit_a
    assert entry.constituency == clp_a
    assert f"#{report_a.pk}" in entry.summary
    assert "rita" not in entry.summary.lower()

    staff.get(detail_url(report_a))
    assert len(_entries()) == 2


def test_a_refused_change_of_state_shown_again_is_audited_too(staff_user, report_a):
    response = client_for("localhost", staff_user).post(
        detail_url(report_a), {"to_status": "", "note": "", "seen_status": Status.NEW}
    )
    assert response.status_code == 400
    assert len(_entries()) == 1


def test_an_anonymous_report_has_no_reporter_to_audit(staff_user, unit_a):
    report = submit_report(
        unit=unit_a,
        account="@Anon",
        reason="not_on_register",
        details="Claims to be the CLP.",
        reporter_name="",
        reporter_email="",
    )
    assert client_for("localhost", staff_user).get(detail_url(report)).status_code == 200
    assert _entries() == []


@pytest.mark.parametrize(
    ("who", "where"),
    [
        ("anonymous", "hub"),
        ("member_user", "hub"),
        ("officer_a", "hub"),
        ("officer_a", "clp_a"),
        ("smo_a", "clp_a"),
        ("officer_b", "clp_a"),
        # Central staff in a CLP's admin see the report as its officers do: no reporter.
        ("staff_user", "clp_a"),
    ],
)
def test_those_not_shown_the_reporter_leave_no_entry(request, report_a, who, where):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    site = "localhost" if where == "hub" else request.getfixturevalue(where)
    response = client_for(site, user).get(detail_url(report_a))
    assert "rita@example.org" not in response.content.decode()
    assert _entries() == []
