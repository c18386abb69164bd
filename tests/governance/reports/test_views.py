"""Working the reports in the admin: central staff work the queue and change a report's
state; each CLP sees only the reports about itself."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import AuditEvent, PartyUnit
from governance.reports.workflow import change_report_status
from tests.factories import UserFactory
from tests.helpers import client_for, text_of

from .shared import QUEUE, Status, detail_url, make_report


def test_staff_see_every_report_and_filter_by_state_and_unit(
    staff_user, unit_a, unit_b, report_a, report_b
):
    staff = client_for("localhost", staff_user)
    page = text_of(staff.get(QUEUE))
    assert "@FakeTestfordNorth" in page
    assert "@FakeTestfordSouth" in page

    page = text_of(staff.get(QUEUE, {"unit": unit_b.pk}))
    assert "@FakeTestfordSouth" in page
    assert "@FakeTestfordNorth" not in page

    change_report_status(report_b, Status.INVESTIGATING, actor=staff_user)
    page = text_of(staff.get(QUEUE, {"status": "new"}))
    assert "@FakeTestfordNorth" in page
    assert "@FakeTestfordSouth" not in page
    page = text_of(staff.get(QUEUE, {"status": "open"}))
    assert "@FakeTestfordNorth" in page
    assert "@FakeTestfordSouth" in page
    assert staff.get(QUEUE, {"status": "bogus", "unit": "x"}).status_code == 200


def test_staff_see_the_reporter_and_the_full_history(staff_user, report_a):
    change_report_status(report_a, Status.INVESTIGATING, actor=staff_user, note="Asked the CLP.")
    page = text_of(client_for("localhost", staff_user).get(detail_url(report_a)))
    assert "Rita Reporter, rita@example.org" in page
    assert "Claims to be the CLP." in page
    assert "received (New)" in page
    assert f"New → Investigating by {staff_user}" in page
    assert "Asked the CLP." in page


def test_staff_move_a_report_through_its_states_with_notes_each_recorded(
    staff_user, report_a, unit_a, clp_a
):
    staff = client_for("localhost", staff_user)
    response = staff.post(
        detail_url(report_a),
        {"to_status": "investigating", "note": "Looking into it.", "seen_status": "new"},
        follow=True,
    )
    assert "is now “Investigating”" in text_of(response)
    staff.post(
        detail_url(report_a),
        {"to_status": "resolved_removed", "note": "Taken down.", "seen_status": "investigating"},
    )
    report_a.refresh_from_db()
    assert report_a.status == Status.RESOLVED_REMOVED
    history = list(report_a.history.values_list("from_status", "to_status", "note", "actor"))
    assert history == [
        ("", "new", "", None),
        ("new", "investigating", "Looking into it.", staff_user.pk),
        ("investigating", "resolved_removed", "Taken down.", staff_user.pk),
    ]
    changes = AuditEvent.objects.filter(action="report.status_changed").order_by("at", "pk")
    assert [(e.details["from_status"], e.details["to_status"]) for e in changes] == [
        ("new", "investigating"),
        ("investigating", "resolved_removed"),
    ]
    assert all(e.actor == staff_user and e.unit == unit_a for e in changes)
    assert all(e.constituency == clp_a for e in changes)


@pytest.mark.parametrize("resolution", [Status.RESOLVED_OFFICIAL, Status.RESOLVED_REMOVED])
def test_an_investigation_ends_in_a_resolution(staff_user, report_a, resolution):
    change_report_status(report_a, Status.INVESTIGATING, actor=staff_user)
    report = change_report_status(report_a, resolution, actor=staff_user, note="Done.")
    assert report.status == resolution
    assert not report.is_open


def test_a_closed_report_can_only_be_reopened(staff_user, report_a):
    staff = client_for("localhost", staff_user)
    change_report_status(report_a, Status.RESOLVED_OFFICIAL, actor=staff_user)
    page = staff.get(detail_url(report_a)).content.decode()
    assert 'value="investigating"' in page
    assert 'value="resolved_removed"' not in page
    response = staff.post(
        detail_url(report_a), {"to_status": "resolved_removed", "seen_status": "resolved_official"}
    )
    assert response.status_code == 400
    assert "Choose one of the states listed." in text_of(response)
    report_a.refresh_from_db()
    assert report_a.status == Status.RESOLVED_OFFICIAL
    assert report_a.history.count() == 2


def test_a_report_is_referred_only_through_the_disputes_team_not_by_its_state(staff_user, report_a):
    # A referral opens a disputes case (tests/governance/disputes): "Referred" is not
    # a state the form offers, and the operation refuses it, naming the way to refer.
    staff = client_for("localhost", staff_user)
    page = staff.get(detail_url(report_a)).content.decode()
    assert 'value="referred"' not in page
    assert "Refer to the disputes team" in page
    response = staff.post(
        detail_url(report_a), {"to_status": "referred", "note": "A member.", "seen_status": "new"}
    )
    assert response.status_code == 400
    assert "Choose one of the states listed." in text_of(response)
    with pytest.raises(ValidationError, match="Refer to the disputes team"):
        change_report_status(report_a, Status.REFERRED, actor=staff_user, note="A member.")
    report_a.refresh_from_db()
    assert report_a.status == Status.NEW
    assert not AuditEvent.objects.filter(action="report.status_changed").exists()


def test_a_change_made_by_someone_else_meanwhile_is_not_overwritten(staff_user, report_a):
    other = UserFactory(email="staff2@example.org", is_central_staff=True, mfa=True)
    change_report_status(report_a, Status.INVESTIGATING, actor=other)
    response = client_for("localhost", staff_user).post(
        detail_url(report_a),
        {"to_status": "resolved_official", "note": "", "seen_status": "new"},
    )
    assert response.status_code == 400
    assert "Someone else changed this report" in text_of(response)
    report_a.refresh_from_db()
    assert report_a.status == Status.INVESTIGATING


def test_a_note_that_is_too_long_is_refused(staff_user, report_a):
    response = client_for("localhost", staff_user).post(
        detail_url(report_a),
        {"to_status": "investigating", "note": "n" * 2001, "seen_status": "new"},
    )
    assert response.status_code == 400
    report_a.refresh_from_db()
    assert report_a.status == Status.NEW


@pytest.mark.parametrize(
    ("who", "host", "expected"),
    [
        ("anonymous", "hub", 302),
        ("member_user", "hub", 403),
        ("officer_a", "hub", 403),
        ("editor_a", "hub", 403),
        ("officer_a", "clp_a", 403),
        ("smo_a", "clp_a", 403),
        ("editor_a", "clp_a", 403),
        ("officer_b", "clp_a", 403),
        ("member_user", "clp_a", 403),
        # In B's own admin, changing state is refused before any report is looked up.
        ("officer_b", "clp_b", 403),
    ],
)
def test_nobody_but_central_staff_can_change_a_reports_state(
    request, report_a, who, host, expected
):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    site = "localhost" if host == "hub" else request.getfixturevalue(host)
    response = client_for(site, user).post(
        detail_url(report_a), {"to_status": "resolved_official", "note": "", "seen_status": "new"}
    )
    assert response.status_code == expected
    report_a.refresh_from_db()
    assert report_a.status == Status.NEW
    assert report_a.history.count() == 1
    assert not AuditEvent.objects.filter(action="report.status_changed").exists()


def test_the_operation_itself_refuses_anyone_but_central_staff(report_a, officer_a):
    with pytest.raises(PermissionDenied):
        change_report_status(report_a, Status.RESOLVED_OFFICIAL, actor=officer_a)
    with pytest.raises(PermissionDenied):
        change_report_status(report_a, Status.RESOLVED_OFFICIAL, actor=None)
    report_a.refresh_from_db()
    assert report_a.status == Status.NEW


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("member_user", 403),
        ("officer_a", 200),
        ("smo_a", 200),
        ("editor_a", 403),
        ("officer_b", 403),
        ("staff_user", 200),
    ],
)
def test_who_may_read_a_clps_reports(request, clp_a, report_a, who, expected):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(clp_a, user)
    for path in (QUEUE, detail_url(report_a)):
        response = client.get(path)
        assert response.status_code == expected
        if expected == 200:
            assert "@FakeTestfordNorth" in text_of(response)


def test_a_clp_sees_only_reports_about_the_units_it_looks_after(
    clp_a, clp_b, officer_a, unit_a, report_a, report_b
):
    forum = PartyUnit.objects.create(kind="lcf", name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    make_report(forum, "@FakeForum")
    make_report(None, "@FakeNobody")
    page = text_of(client_for(clp_a, officer_a).get(QUEUE))
    assert "@FakeTestfordNorth" in page
    assert "@FakeForum" in page
    assert "@FakeTestfordSouth" not in page
    assert "@FakeNobody" not in page


def test_another_clps_report_is_not_found_even_by_guessing_its_id(clp_b, officer_b, report_a):
    assert client_for(clp_b, officer_b).get(detail_url(report_a)).status_code == 404


def test_a_clp_sees_the_status_and_history_but_never_who_reported(
    clp_a, officer_a, staff_user, report_a
):
    change_report_status(report_a, Status.INVESTIGATING, actor=staff_user, note="Asked the CLP.")
    response = client_for(clp_a, officer_a).get(detail_url(report_a))
    page = text_of(response)
    assert "Investigating" in page
    assert "Asked the CLP." in page
    assert "by central staff" in page
    assert "rita@example.org" not in response.content.decode()
    assert "Rita Reporter" not in page
    assert "Claims to be the CLP." not in page  # the reporter's words: central staff first
    assert "goes to central staff first" in page
    assert "Change the state" not in page


def test_the_clps_list_of_reports_never_shows_the_reporters_email(clp_a, officer_a, report_a):
    response = client_for(clp_a, officer_a).get(QUEUE)
    assert "rita@example.org" not in response.content.decode()
