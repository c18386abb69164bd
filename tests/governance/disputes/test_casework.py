"""The disputes team working a case in the hub's admin: its states, the member
responsible and the release of their name; what central staff outside the team, and
the CLP's officers, see of it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.disputes.casework import change_case_state, link_member, release_name
from governance.disputes.referral import refer_report
from governance.models import AuditEvent, DisputeCase, PartyUnit
from tests.governance.reports.shared import detail_url, make_report
from tests.helpers import client_for, text_of

from .conftest import CASES, case_url

State = DisputeCase.State


def test_the_team_moves_a_case_to_an_outcome_and_the_referring_officers_are_told(
    disputes_user, case_a, officer_a, smo_a, clp_a, post, mailoutbox
):
    team = client_for("localhost", disputes_user)
    response = post(
        team,
        case_url(case_a, "state"),
        {"to_state": "investigating", "note": "Asked the platform.", "seen_state": "received"},
    )
    assert response.status_code == 302
    assert mailoutbox == []
    response = post(
        team,
        case_url(case_a, "state"),
        {"to_state": "warning", "note": "Warned in writing.", "seen_state": "investigating"},
    )
    assert response.status_code == 302
    page = text_of(team.get(case_url(case_a)))
    assert "Received → Under investigation by" in page
    assert "Asked the platform." in page
    assert "Under investigation → Outcome: warning" in page

    case_a.refresh_from_db()
    assert case_a.state == State.WARNING
    assert list(case_a.history.values_list("kind", "from_state", "to_state", "note")) == [
        ("referred", "", "received", "Run by a member, not by us."),
        ("state", "received", "investigating", "Asked the platform."),
        ("state", "investigating", "warning", "Warned in writing."),
    ]
    changes = AuditEvent.objects.filter(action="dispute.state_changed").order_by("pk")
    assert [(e.details["from_state"], e.details["to_state"], e.actor) for e in changes] == [
        ("received", "investigating", disputes_user),
        ("investigating", "warning", disputes_user),
    ]
    assert all(e.constituency == clp_a for e in changes)

    [notice] = mailoutbox
    assert sorted(notice.to) == sorted([officer_a.email, smo_a.email])
    assert "Outcome: warning" in notice.body
    assert "withheld by the disputes team" in notice.body
    assert "Warned in writing." not in notice.body  # the team's notes stay with the team
    assert f"http://{clp_a.primary_domain}/admin/online-presence/reports/" in notice.body

    post(
        team,
        case_url(case_a, "state"),
        {"to_state": "closed", "note": "Done.", "seen_state": "warning"},
    )
    case_a.refresh_from_db()
    assert case_a.state == State.CLOSED
    assert len(mailoutbox) == 1  # closing is not a second outcome
    assert "The case is closed." in text_of(team.get(case_url(case_a)))


@pytest.mark.parametrize(
    ("to_state", "note", "message"),
    [
        ("warning", "Too soon.", "Choose one of the states listed."),
        ("investigating", "", "Add a note"),
        ("investigating", "n" * 2001, "Keep the note to 2,000 characters."),
        ("bogus", "x", "Choose one of the states listed."),
    ],
)
def test_a_bad_move_is_refused_with_a_reason_and_changes_nothing(
    disputes_user, case_a, to_state, note, message, mailoutbox
):
    response = client_for("localhost", disputes_user).post(
        case_url(case_a, "state"), {"to_state": to_state, "note": note, "seen_state": "received"}
    )
    assert response.status_code == 400
    assert message in text_of(response)
    if note and len(note) < 100:
        assert note in response.content.decode()
    case_a.refresh_from_db()
    assert case_a.state == State.RECEIVED
    assert case_a.history.count() == 1
    assert not AuditEvent.objects.filter(action="dispute.state_changed").exists()


def test_the_operation_names_where_a_case_can_go(disputes_user, case_a):
    with pytest.raises(ValidationError, match="can go to “Under investigation”, not there"):
        change_case_state(case_a, State.CLOSED, actor=disputes_user, note="x")
    change_case_state(case_a, State.INVESTIGATING, actor=disputes_user, note="x")
    change_case_state(case_a, State.NO_ACTION, actor=disputes_user, note="x")
    change_case_state(case_a, State.CLOSED, actor=disputes_user, note="x")
    with pytest.raises(ValidationError, match="“Closed” can go to nowhere"):
        change_case_state(case_a, State.INVESTIGATING, actor=disputes_user, note="Reopen")


def test_a_move_made_meanwhile_by_someone_else_is_not_overwritten(disputes_user, case_a):
    change_case_state(case_a, State.INVESTIGATING, actor=disputes_user, note="Mine.")
    response = client_for("localhost", disputes_user).post(
        case_url(case_a, "state"),
        {"to_state": "warning", "note": "Also mine.", "seen_state": "received"},
    )
    assert response.status_code == 400
    assert "Someone else moved this case" in text_of(response)
    assert case_a.history.count() == 2


@pytest.mark.parametrize(
    ("who", "host", "list_status", "detail_status", "move_status"),
    [
        ("anonymous", "hub", 302, 302, 302),
        ("member_user", "hub", 403, 403, 403),
        ("officer_a", "hub", 403, 403, 403),
        ("officer_b", "hub", 403, 403, 403),
        # In a constituency's admin the hub's screens do not exist.
        ("officer_a", "clp_a", 404, 404, 404),
        ("officer_b", "clp_b", 404, 404, 404),
        ("staff_user", "hub", 200, 200, 403),
        ("disputes_user", "hub", 200, 200, 302),
    ],
)
def test_who_may_see_and_work_cases(
    request, case_a, who, host, list_status, detail_status, move_status
):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    site = "localhost" if host == "hub" else request.getfixturevalue(host)
    client = client_for(site, user)
    assert client.get(CASES).status_code == list_status
    assert client.get(case_url(case_a)).status_code == detail_status
    response = client.post(
        case_url(case_a, "state"),
        {"to_state": "investigating", "note": "Mine.", "seen_state": "received"},
    )
    assert response.status_code == move_status
    case_a.refresh_from_db()
    in_team = who == "disputes_user"
    assert case_a.state == (State.INVESTIGATING if in_team else State.RECEIVED)


def test_central_staff_outside_the_team_see_the_summary_only(
    staff_user, disputes_user, case_a, accused
):
    link_member(case_a, accused, actor=disputes_user)
    change_case_state(case_a, State.INVESTIGATING, actor=disputes_user, note="Secret note.")
    page = text_of(client_for("localhost", staff_user).get(case_url(case_a)))
    assert "@FakeTestfordNorth" in page
    assert "Under investigation" in page
    assert "Alex Accused" not in page
    assert "Secret note." not in page
    assert "Run by a member, not by us." not in page
    assert "Move the case on" not in page
    assert "for the disputes team only" in page
    page = text_of(client_for("localhost", disputes_user).get(case_url(case_a)))
    assert "Alex Accused" in page
    assert "Secret note." in page
    assert "Claims to be the CLP." in page  # the reporter's words, for the team


def test_the_list_shows_open_cases_and_filters_by_state(disputes_user, case_a, case_b, staff_user):
    for state in (State.INVESTIGATING, State.NO_ACTION, State.CLOSED):
        change_case_state(case_b, state, actor=disputes_user, note="x")
    client = client_for("localhost", staff_user)
    page = text_of(client.get(CASES))
    assert "@FakeTestfordNorth" in page
    assert "@FakeTestfordSouth" not in page
    page = text_of(client.get(CASES, {"state": "all"}))
    assert "@FakeTestfordSouth" in page
    page = text_of(client.get(CASES, {"state": "closed"}))
    assert "@FakeTestfordSouth" in page
    assert "@FakeTestfordNorth" not in page
    assert client.get(CASES, {"state": "bogus", "p": "x"}).status_code == 200


def test_the_list_takes_the_same_queries_however_many_cases(
    disputes_user, case_a, unit_a, unit_b, staff_user, django_assert_max_num_queries
):
    client = client_for("localhost", disputes_user)
    client.get(CASES)
    with CaptureQueriesContext(connection) as one_case:
        assert client.get(CASES).status_code == 200
    for number in range(12):
        report = make_report(unit_a if number % 2 else unit_b, f"@Fake{number}")
        refer_report(report, actor=staff_user, reason="More.")
    with django_assert_max_num_queries(len(one_case)):
        response = client.get(CASES)
    assert text_of(response).count("@Fake") >= 13


def test_the_member_is_chosen_from_the_clps_members_and_withheld_until_released(
    disputes_user, case_a, accused, member_of_b, clp_a, officer_a, post
):
    team = client_for("localhost", disputes_user)
    page = team.get(case_url(case_a)).content.decode()
    assert "Alex Accused" in page
    assert "Bea Elsewhere" not in page  # another CLP's member is not offered

    response = post(team, case_url(case_a, "member"), {"member": member_of_b.pk})
    assert response.status_code == 400
    assert "Choose a member of the CLP" in text_of(response)
    case_a.refresh_from_db()
    assert case_a.member is None

    assert post(team, case_url(case_a, "member"), {"member": accused.pk}).status_code == 302
    case_a.refresh_from_db()
    assert case_a.member == accused
    linked = AuditEvent.objects.get(action="dispute.member_linked")
    assert linked.details["member"] == accused.pk
    assert "Alex Accused" not in linked.summary  # central staff's audit log names no one

    officers = client_for(clp_a, officer_a)
    report = case_a.reports.get()
    assert "Alex Accused" not in text_of(officers.get(detail_url(report)))

    assert post(team, case_url(case_a, "release")).status_code == 302
    case_a.refresh_from_db()
    assert case_a.name_released_at is not None
    assert case_a.history.last().actor == disputes_user
    released = AuditEvent.objects.get(action="dispute.name_released")
    assert (released.actor, released.details["case"]) == (disputes_user, case_a.pk)
    assert "Member responsibleAlex Accused" in text_of(officers.get(detail_url(report)))

    # A different member is withheld again until released.
    other = type(accused).objects.create(
        constituency=clp_a, name="Otto Other", email="o@example.org", membership_number="L7777777"
    )
    link_member(case_a, other, actor=disputes_user)
    page = text_of(officers.get(detail_url(report)))
    assert "Otto Other" not in page
    assert "Withheld by the disputes team" in page


def test_a_name_is_released_only_once_and_only_when_known(disputes_user, case_a, accused, post):
    team = client_for("localhost", disputes_user)
    response = post(team, case_url(case_a, "release"))
    assert response.status_code == 400
    assert "Link the member responsible before releasing" in text_of(response)
    assert not AuditEvent.objects.filter(action="dispute.name_released").exists()
    link_member(case_a, accused, actor=disputes_user)
    release_name(case_a, actor=disputes_user)
    with pytest.raises(ValidationError, match="already been released"):
        release_name(case_a, actor=disputes_user)


def test_nobody_outside_the_team_can_link_or_release(
    staff_user, officer_a, case_a, accused, post, clp_a
):
    for actor in (staff_user, officer_a):
        with pytest.raises(PermissionDenied):
            link_member(case_a, accused, actor=actor)
        with pytest.raises(PermissionDenied):
            release_name(case_a, actor=actor)
        with pytest.raises(PermissionDenied):
            change_case_state(case_a, State.INVESTIGATING, actor=actor, note="x")
    staff = client_for("localhost", staff_user)
    assert post(staff, case_url(case_a, "member"), {"member": accused.pk}).status_code == 403
    assert post(staff, case_url(case_a, "release")).status_code == 403
    case_a.refresh_from_db()
    assert case_a.member is None


def test_a_case_naming_no_unit_offers_no_member(disputes_user, staff_user, accused):
    report = make_report(None, "@Nowhere")
    case, _ = refer_report(report, actor=staff_user, reason="Who knows.")
    page = text_of(client_for("localhost", disputes_user).get(case_url(case)))
    assert "no CLP to choose the member from" in page
    with pytest.raises(ValidationError):
        link_member(case, accused, actor=disputes_user)


def test_the_clps_reports_list_shows_the_case_state(clp_a, officer_a, case_a, disputes_user):
    change_case_state(case_a, State.INVESTIGATING, actor=disputes_user, note="x")
    page = text_of(client_for(clp_a, officer_a).get("/admin/online-presence/reports/"))
    assert f"Case #{case_a.pk}: Under investigation" in page


def test_each_clp_sees_only_the_cases_of_the_units_it_looks_after(
    clp_a, clp_b, officer_a, officer_b, case_a, staff_user
):
    forum = PartyUnit.objects.create(kind="lcf", name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    forum_case, _ = refer_report(make_report(forum, "@FakeForum"), actor=staff_user, reason="x")
    reports = "/admin/online-presence/reports/"
    page_a = text_of(client_for(clp_a, officer_a).get(reports))
    page_b = text_of(client_for(clp_b, officer_b).get(reports))
    assert f"Case #{case_a.pk}: Received" in page_a
    assert f"Case #{case_a.pk}" not in page_b
    assert f"Case #{forum_case.pk}: Received" in page_a
    assert f"Case #{forum_case.pk}: Received" in page_b
    # B's officer reaches neither A's report nor the case behind it.
    report = case_a.reports.get()
    assert client_for(clp_b, officer_b).get(detail_url(report)).status_code == 404
    assert client_for(clp_b, officer_b).get(case_url(case_a)).status_code == 404


def test_staff_follow_a_referred_report_to_its_case(staff_user, case_a):
    report = case_a.reports.get()
    page = client_for("localhost", staff_user).get(detail_url(report)).content.decode()
    assert f'href="/admin/disputes/{case_a.pk}/"' in page
