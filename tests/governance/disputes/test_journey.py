"""A referral followed from the public report form to the disputes team's outcome,
through the pages and emails each person meets, as the issue asks."""

from django.core.files.uploadedfile import SimpleUploadedFile

from governance.models import AccountReport, AuditEvent, DisputeCase
from tests.governance.compliance.test_dashboard import DASHBOARD, section
from tests.governance.reports.shared import REPORT, detail_url, report_form
from tests.helpers import client_for, page_of, text_of

from .conftest import CASES, case_url, image_bytes, refer_url


def test_a_report_is_referred_by_its_clp_and_taken_to_an_outcome_by_central_staff(
    visitor, post, unit_a, clp_a, officer_a, smo_a, disputes_user, accused, mailoutbox
):
    started = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    # A member of the public reports the account, in their own words.
    post(visitor, REPORT, report_form(unit_a, details="Alex from our branch runs this one."))
    report = AccountReport.objects.get()
    [to_officers] = mailoutbox
    assert "Alex from our branch" not in to_officers.body  # their words go to staff first

    # The CLP's Secretary reads the report (without the reporter's words) and refers it.
    secretary = client_for(clp_a, officer_a)
    page = text_of(secretary.get(detail_url(report)))
    assert "Alex from our branch" not in page
    response = post(
        secretary, refer_url(report), {"reason": "None of us can sign in to it."}, follow=True
    )
    assert "is with the disputes team as case" in text_of(response)
    case = DisputeCase.objects.get()
    to_team = mailoutbox[-1]
    assert to_team.to == [disputes_user.email]

    # The disputes team finds it in the hub's admin, with the reporter's words.
    team = client_for("localhost", disputes_user)
    assert "@TestfordNorthLabourReal" in text_of(team.get(CASES))
    assert "Alex from our branch runs this one." in text_of(team.get(case_url(case)))
    steps = [
        ("state", {"to_state": "investigating", "note": "Looking.", "seen_state": "received"}),
        (
            "evidence",
            {
                "image": SimpleUploadedFile("bio.png", image_bytes(), "image/png"),
                "description": "The account's bio, 2 December",
            },
        ),
        ("member", {"member": accused.pk}),
        ("state", {"to_state": "warning", "note": "Warned.", "seen_state": "investigating"}),
    ]
    for action, data in steps:
        response = post(team, case_url(case, action), data)
        assert response.status_code == 302, (action, text_of(response)[-400:])

    # The officers are told the outcome, without the member's name.
    outcome = mailoutbox[-1]
    assert sorted(outcome.to) == sorted([officer_a.email, smo_a.email])
    assert "Outcome: warning" in outcome.body
    assert "Alex Accused" not in outcome.body
    page = text_of(secretary.get(detail_url(report)))
    assert "Outcome: warning" in page
    assert "Withheld by the disputes team" in page

    # Still open, so still on the dashboard, until the team releases the name and closes it.
    assert "Open disputes cases (1)" in section(page_of(team.get(DASHBOARD)), "cases")
    post(team, case_url(case, "release"))
    assert "Member responsibleAlex Accused" in text_of(secretary.get(detail_url(report)))
    post(
        team,
        case_url(case, "state"),
        {"to_state": "closed", "note": "Done.", "seen_state": "warning"},
    )
    assert "Open disputes cases (0)" in section(page_of(team.get(DASHBOARD)), "cases")

    actions = list(
        AuditEvent.objects.filter(pk__gt=started, action__startswith="dispute.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "dispute.referred",
        "dispute.state_changed",
        "dispute.evidence_added",
        "dispute.member_linked",
        "dispute.state_changed",
        "dispute.name_released",
        "dispute.state_changed",
    ]
