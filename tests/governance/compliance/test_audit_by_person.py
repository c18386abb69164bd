"""Central staff find in the audit log everything about one person: the records of theirs
that were viewed, the exports that included them, and what they did themselves; and
nothing about anyone else, in any constituency."""

import csv
import io

import pytest
from django.utils import timezone

from governance import audit
from governance.account_changes import account_state, record_account_changes
from governance.models import AuditEvent
from governance.register.units import ensure_clp_unit
from roles.models import Role
from tests.factories import make_officer
from tests.governance.reports.shared import make_report
from tests.helpers import page_of, text_of

AUDIT = "/admin/audit/"


@pytest.fixture
def trail(clp_a, clp_b, staff_user, officer_a):
    """Ann's data seen in both constituencies, Bob's in B; Ann, an officer of B, acting."""
    ann = make_officer(clp_b, Role.SOCIAL_MEDIA_OFFICER, email="Ann@Example.org")
    audit.record(
        "member.viewed",
        "Member record L1000001 viewed",
        actor=staff_user,
        constituency=clp_a,
        record="members.Member:1",
        people=["ann@example.org"],
    )
    audit.record(
        "signups.exported",
        "Sign-ups to “Canvass” exported: 3 people",
        actor=officer_a,
        constituency=clp_a,
        record="website.EventPage:7",
        people=["ann@example.org", "bob@example.org", "cara@example.org"],
        event=7,
        count=3,
    )
    audit.record(
        "signups.exported",
        "Sign-ups to “Phone bank” exported: 1 person",
        actor=officer_a,
        constituency=clp_b,
        record="website.EventPage:8",
        people=["bob@example.org"],
        event=8,
        count=1,
    )
    audit.record(
        "member.viewed",
        "Member record L1000002 viewed",
        actor=staff_user,
        constituency=clp_b,
        record="members.Member:2",
        people=["bob@example.org"],
    )
    audit.record("register.changed", "Ann added @TestfordSouthLabour", actor=ann)
    return ann


def _rows(text):
    return text.split("<tbody>", 1)[-1]


def test_the_person_filter_finds_every_entry_about_them_and_by_them(staff, trail):
    rows = _rows(page_of(staff.get(AUDIT, {"person": "ANN@example.org"})))
    assert "Member record L1000001 viewed" in rows
    assert "Sign-ups to “Canvass” exported: 3 people" in rows
    assert "Ann added @TestfordSouthLabour" in rows
    # Her appointment in B (the appointment names her as the person concerned).
    assert "appointed Social Media Officer of Testford South" in rows
    assert "Phone bank" not in rows
    assert "L1000002" not in rows


def test_the_filter_finds_nothing_of_anyone_else(staff, trail):
    rows = _rows(page_of(staff.get(AUDIT, {"person": "bob@example.org"})))
    assert "Sign-ups to “Canvass” exported" in rows  # Bob was in that export too
    assert "Phone bank" in rows
    assert "L1000002" in rows
    assert "L1000001" not in rows
    assert "Ann added" not in rows
    nobody = text_of(staff.get(AUDIT, {"person": "nobody@example.org"}))
    assert "No audit events match your query." in nobody
    assert "L100000" not in nobody
    assert "Sign-ups to" not in nobody


def test_the_filter_combines_with_the_constituency(staff, trail, clp_b):
    rows = _rows(page_of(staff.get(AUDIT, {"person": "bob@example.org", "constituency": clp_b.pk})))
    assert "Phone bank" in rows
    assert "L1000002" in rows
    assert "Canvass" not in rows


@pytest.mark.parametrize("bad", ["not-an-email", "ann@", "<script>alert(1)</script>"])
def test_a_person_that_is_not_an_email_address_is_said_so_plainly(staff, trail, bad):
    response = staff.get(AUDIT, {"person": bad})
    assert response.status_code == 200
    text = text_of(response)
    assert "Person: Enter an email address, like name@example.org." in text
    # Nothing is listed, rather than the whole log as if it were theirs.
    assert "Member record L1000001 viewed" not in text
    assert "<script>alert(1)</script>" not in response.content.decode()
    results = staff.get(f"{AUDIT}results/", {"person": bad})
    assert results.status_code == 200
    assert "Enter an email address" in text_of(results)


def test_the_list_says_who_when_what_which_record_and_whose_data(staff, trail):
    response = staff.get(AUDIT, {"action": "signups.exported"})
    text = text_of(response)
    assert "When Who What Summary Which record Whose data Constituency" in text
    officer = AuditEvent.objects.filter(record="website.EventPage:7").get().actor
    at = timezone.localtime(AuditEvent.objects.get(record="website.EventPage:7").at)
    assert (
        f"{at:%-d %b %Y, %H:%M:%S} {officer.get_full_name()} ({officer.email}) "
        "Sign-up list exported Sign-ups to “Canvass” exported: 3 people "
        "website.EventPage:7 ann@example.org, bob@example.org, cara@example.org Testford North"
    ) in text


def test_an_entry_with_no_actor_says_it_was_the_system(staff, clp_a):
    audit.record("constituency.suspended", "Suspended Testford North", constituency=clp_a)
    assert "The system (a command or task) Constituency suspended" in text_of(staff.get(AUDIT))


def test_a_long_list_of_people_is_cut_short_in_the_table_but_whole_in_the_export(staff, clp_a):
    people = [f"p{number}@example.org" for number in range(10)]
    audit.record("signups.exported", "Big export", constituency=clp_a, people=people)
    rows = _rows(page_of(staff.get(AUDIT)))
    assert "p0@example.org, p1@example.org, p2@example.org and 7 more" in rows
    response = staff.get(AUDIT, {"export": "csv"})
    rows = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    [row] = [row for row in rows if row["Summary"] == "Big export"]
    assert row["Whose data"] == ", ".join(sorted(people))
    assert row["Which record"] == ""


def test_what_people_typed_is_escaped(staff, clp_a):
    audit.record(
        "member.viewed",
        "<script>alert('summary')</script>",
        constituency=clp_a,
        record="<b>record</b>",
        people=["<img src=x onerror=alert(1)>@example.org"],
    )
    page = staff.get(AUDIT).content.decode()
    assert "<script>alert('summary')</script>" not in page
    assert "<b>record</b>" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_the_filtered_list_costs_the_same_queries_however_long_the_log(
    staff, trail, clp_a, staff_user, django_assert_max_num_queries
):
    staff.get(AUDIT, {"person": "ann@example.org"})  # warm the caches (site, menus)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            action="signups.exported",
            summary=f"Export {number}",
            actor=staff_user,
            constituency=clp_a,
            people=["ann@example.org"] + [f"p{n}@example.org" for n in range(number % 40)],
            details={"count": number},
        )
        for number in range(300)
    )
    for query in ({"person": "ann@example.org"}, {}):
        with django_assert_max_num_queries(16):
            response = staff.get(AUDIT, query)
        assert response.status_code == 200
    assert "Export 299" in page_of(response)


def test_the_filter_finds_a_reporter_from_their_report_to_staff_reading_it(staff, clp_a):
    unit = ensure_clp_unit(clp_a)
    report = make_report(unit, "@FakeTestfordNorth")
    assert staff.get(f"/admin/online-presence/reports/{report.pk}/").status_code == 200
    text = text_of(staff.get(AUDIT, {"person": "rita@example.org"}))
    assert f"Report #{report.pk} about @FakeTestfordNorth" in text
    assert f"Reporter's details of report #{report.pk} viewed" in text


def test_the_filter_finds_changes_to_a_persons_account(staff, staff_user, member_user):
    before = account_state(member_user)
    member_user.is_active = False
    member_user.save()
    record_account_changes(member_user, before=before, actor=staff_user)
    text = text_of(staff.get(AUDIT, {"person": member_user.email}))
    assert "Account deactivated" in text
    assert f"{member_user}'s account deactivated" in text
