"""Referring a report to the disputes team: by a CLP's Secretary or Social Media Officer
in their CLP's admin, or by central staff on the hub. A referral opens a case, marks the
report referred, tells the team and is audited."""

import pytest
from django.core.exceptions import PermissionDenied

from governance.disputes.referral import refer_report
from governance.models import AccountReport, AuditEvent, DisputeCase
from governance.register.entries import add_entry
from governance.reports.workflow import change_report_status
from outbox.models import OutgoingEmail
from tests.factories import UserFactory
from tests.governance.reports.shared import detail_url, make_report
from tests.helpers import client_for, text_of

from .conftest import refer_url

Status = AccountReport.Status


def test_an_officer_refers_their_clps_report_from_its_page_and_the_team_is_told(
    clp_a, officer_a, unit_a, report_a, disputes_user, staff_user, post, mailoutbox
):
    client = client_for(clp_a, officer_a)
    page = text_of(client.get(detail_url(report_a)))
    assert "Refer to the disputes team" in page
    assert "Why are you referring it?" in text_of(client.get(refer_url(report_a)))

    response = post(client, refer_url(report_a), {"reason": "A former officer runs it."})
    assert response.status_code == 302
    assert response["Location"] == detail_url(report_a)

    case = DisputeCase.objects.get()
    assert (case.account, case.unit, case.state) == ("@FakeTestfordNorth", unit_a, "received")
    assert (case.referred_by, case.referred_by_constituency) == (officer_a, clp_a)
    assert case.reason == "A former officer runs it."
    assert list(case.reports.all()) == [report_a]
    report_a.refresh_from_db()
    assert report_a.status == Status.REFERRED
    assert (
        report_a.history.last().note == f"Referred to the party's disputes team (case #{case.pk})."
    )

    [email] = mailoutbox
    assert email.to == [disputes_user.email]  # the team, not all of central staff
    assert f"case #{case.pk}" in email.subject
    assert f"http://localhost/admin/disputes/{case.pk}/" in email.body
    assert f"{officer_a}, for the officers of Testford North CLP" in email.body
    assert OutgoingEmail.objects.filter(about="governance.dispute", about_id=case.pk).exists()

    referred = AuditEvent.objects.get(action="dispute.referred")
    assert (referred.actor, referred.constituency, referred.unit) == (officer_a, clp_a, unit_a)
    assert referred.details == {
        "case": case.pk,
        "report": report_a.pk,
        "by_officers_of": clp_a.pk,
    }
    assert AuditEvent.objects.filter(
        action="report.status_changed", details__to_status="referred"
    ).exists()

    page = text_of(client.get(detail_url(report_a)))
    assert f"With the disputes team Case#{case.pk}, about @FakeTestfordNorth" in page
    assert "Received" in page
    assert "Withheld by the disputes team" in page
    assert "Refer to the disputes team" not in page


def test_central_staff_refer_from_the_hub(staff_user, report_b, disputes_user, post, mailoutbox):
    staff = client_for("localhost", staff_user)
    response = post(staff, refer_url(report_b), {"reason": "Nobody in the CLP runs it."})
    assert response.status_code == 302
    case = DisputeCase.objects.get()
    assert (case.referred_by, case.referred_by_constituency) == (staff_user, None)
    [email] = mailoutbox
    assert f"{staff_user}, central staff" in email.body


def test_with_nobody_in_the_team_every_member_of_staff_is_told(
    clp_a, officer_a, report_a, staff_user, post, mailoutbox
):
    post(client_for(clp_a, officer_a), refer_url(report_a), {"reason": "Not ours."})
    [email] = mailoutbox
    assert email.to == [staff_user.email]
    assert 'Nobody is in the "Disputes team" group yet' in email.body


def test_the_register_entries_of_the_account_are_kept_with_the_case(
    unit_a, officer_a, smo_a, staff_user
):
    entry = add_entry(
        unit=unit_a,
        platform="x",
        handle="@FakeTestfordNorth",
        purpose="News",
        controllers=[officer_a, smo_a],
        credentials_note="In the password manager",
        actor=officer_a,
    )
    report = make_report(unit_a, "https://x.com/faketestfordnorth")
    case, _ = refer_report(report, actor=staff_user, reason="Hijacked.")
    assert case.register_entry_ids == [entry.pk]


def test_a_second_report_about_the_same_account_joins_the_open_case(
    unit_a, clp_a, officer_a, case_a, disputes_user, mailoutbox, django_capture_on_commit_callbacks
):
    again = make_report(unit_a, "https://x.com/FakeTestfordNorth")
    with django_capture_on_commit_callbacks(execute=True):
        case, joined = refer_report(
            again, actor=officer_a, reason="Still at it.", constituency=clp_a
        )
    assert joined
    assert case.pk == case_a.pk
    assert DisputeCase.objects.count() == 1
    assert case.reports.count() == 2
    assert case.history.last().kind == "report_added"
    assert AuditEvent.objects.filter(action="dispute.report_added", details__case=case.pk).exists()
    assert "Another report joins" in mailoutbox[-1].subject


@pytest.mark.parametrize(
    ("who", "host", "expected"),
    [
        ("anonymous", "clp_a", 302),
        ("member_user", "clp_a", 403),
        ("editor_a", "clp_a", 403),
        ("officer_b", "clp_a", 403),
        # B's officer, in B's admin: A's report is not theirs to find.
        ("officer_b", "clp_b", 404),
        ("officer_a", "hub", 403),
        ("anonymous", "hub", 302),
    ],
)
def test_nobody_else_can_refer_a_report(request, report_a, post, who, host, expected):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    site = "localhost" if host == "hub" else request.getfixturevalue(host)
    client = client_for(site, user)
    assert client.get(refer_url(report_a)).status_code == expected
    response = post(client, refer_url(report_a), {"reason": "Mine now."})
    assert response.status_code == expected
    assert not DisputeCase.objects.exists()
    report_a.refresh_from_db()
    assert report_a.status == Status.NEW
    assert not AuditEvent.objects.filter(action__startswith="dispute.").exists()


def test_the_operation_itself_refuses_others(report_a, officer_b, clp_b, member_user, officer_a):
    with pytest.raises(PermissionDenied):
        refer_report(report_a, actor=officer_b, reason="x", constituency=clp_b)
    with pytest.raises(PermissionDenied):
        refer_report(report_a, actor=member_user, reason="x")
    with pytest.raises(PermissionDenied):
        refer_report(report_a, actor=officer_a, reason="x")  # not staff, off their admin
    assert not DisputeCase.objects.exists()


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("   ", "Say why you are referring it"),
        ("r" * 2001, "Keep it to 2,000 characters."),
    ],
)
def test_a_referral_without_a_good_reason_is_refused_keeping_what_was_typed(
    clp_a, officer_a, report_a, post, mailoutbox, reason, message
):
    response = post(client_for(clp_a, officer_a), refer_url(report_a), {"reason": reason})
    assert response.status_code == 400
    assert message in text_of(response)
    if reason.strip():
        assert reason in response.content.decode()
    assert not DisputeCase.objects.exists()
    report_a.refresh_from_db()
    assert report_a.status == Status.NEW
    assert mailoutbox == []


def test_a_closed_or_referred_report_cannot_be_referred(
    clp_a, officer_a, staff_user, report_a, report_b, case_b, post
):
    change_report_status(report_a, Status.RESOLVED_OFFICIAL, actor=staff_user)
    client = client_for(clp_a, officer_a)
    assert "Refer to the disputes team" not in text_of(client.get(detail_url(report_a)))
    response = post(client, refer_url(report_a), {"reason": "Try anyway."})
    assert response.status_code == 400
    assert "only an open report can be referred" in text_of(response)
    response = post(client_for("localhost", staff_user), refer_url(report_b), {"reason": "Again"})
    assert response.status_code == 400
    assert "already been referred" in text_of(response)
    assert DisputeCase.objects.count() == 1


def test_a_user_in_the_group_who_is_not_central_staff_gains_nothing(report_a, team_group, clp_a):
    outsider = UserFactory(email="outsider@example.org")
    outsider.groups.add(team_group)
    with pytest.raises(PermissionDenied):
        refer_report(report_a, actor=outsider, reason="x")


def test_central_staff_referring_in_a_clps_admin_refer_as_central_staff(
    clp_a, staff_user, report_a, post
):
    response = post(client_for(clp_a, staff_user), refer_url(report_a), {"reason": "Ours."})
    assert response.status_code == 302
    case = DisputeCase.objects.get()
    assert (case.referred_by, case.referred_by_constituency) == (staff_user, None)
