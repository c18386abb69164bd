"""Central staff read the audit log of governance actions on the hub: filtered by action
and constituency, searched by summary, exported as CSV. Nobody can change it, and
nobody else can read it."""

import csv
import io
import json

import pytest

from governance import audit
from governance.models import AuditEvent
from roles.appointments import end_appointment
from roles.models import Appointment, Role
from tests.factories import make_officer
from tests.helpers import client_for, page_of

AUDIT = "/admin/audit/"


@pytest.fixture
def history(clp_a, clp_b, officer_a, staff_user):
    """Appointments made and ended in both constituencies, as the operations record them
    (officer_a: Secretary of Testford North)."""
    smo = make_officer(clp_b, Role.SOCIAL_MEDIA_OFFICER, email="smo.b@example.org")
    end_appointment(Appointment.objects.get(user=smo), by=staff_user)
    audit.record("register.changed", "Added @TestfordNorthLabour", constituency=clp_a)
    return {"secretary": officer_a, "smo": smo, "staff": staff_user}


def test_appointment_actions_appear_in_the_audit_log(staff, history):
    secretary, smo = history["secretary"], history["smo"]
    text = page_of(staff.get(AUDIT))
    assert f"{secretary} appointed Secretary of Testford North" in text
    assert f"{smo} appointed Social Media Officer of Testford South" in text
    assert f"{smo} no longer Social Media Officer of Testford South" in text
    # Actions by name, not by code.
    assert "Appointment ended" in text
    assert "appointment.ended" not in text.split("<tbody>", 1)[-1]


def test_staff_filter_the_log_by_action(staff, history):
    text = page_of(staff.get(AUDIT, {"action": "appointment.ended"}))
    assert "no longer Social Media Officer of Testford South" in text
    assert "appointed Secretary of Testford North" not in text
    assert '<option value="register.changed">Register entry changed</option>' in text


def test_staff_filter_the_log_by_constituency(staff, history, clp_a):
    text = page_of(staff.get(AUDIT, {"constituency": clp_a.pk}))
    assert "appointed Secretary of Testford North" in text
    assert "Added @TestfordNorthLabour" in text
    assert "Testford South" not in text.split("<tbody>", 1)[-1]


def test_staff_search_the_log_by_summary(staff, history):
    text = page_of(staff.get(AUDIT, {"q": "TestfordNorthLabour"}))
    assert "Added @TestfordNorthLabour" in text
    assert "appointed Secretary" not in text


def test_staff_inspect_one_event(staff, history):
    event = AuditEvent.objects.get(action="appointment.ended")
    text = page_of(staff.get(f"{AUDIT}inspect/{event.pk}/"))
    assert "no longer Social Media Officer of Testford South" in text
    assert str(history["staff"]) in text


def test_staff_export_the_log_as_csv(staff, history):
    response = staff.get(AUDIT, {"export": "csv", "action": "appointment.created"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="audit-log.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["Action"] for row in rows} == {"Officer appointed"}
    assert {row["Action code"] for row in rows} == {"appointment.created"}
    summaries = {row["Summary"] for row in rows}
    assert f"{history['secretary']} appointed Secretary of Testford North" in summaries
    assert {"When", "By", "Constituency", "Details (JSON)"} <= set(rows[0])
    details = [json.loads(row["Details (JSON)"]) for row in rows]
    assert all("appointment" in detail and "starts_on" in detail for detail in details)


def test_the_export_is_safe_to_open_in_a_spreadsheet(staff, clp_a):
    audit.record("register.changed", '=HYPERLINK("http://evil.example")', constituency=clp_a)
    response = staff.get(AUDIT, {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    summaries = [row["Summary"] for row in rows]
    assert not any(summary.startswith("=") for summary in summaries)
    assert any("HYPERLINK" in summary for summary in summaries)


def test_the_log_cannot_be_changed(staff, history):
    event = AuditEvent.objects.first()
    for path in ("new/", f"edit/{event.pk}/", f"delete/{event.pk}/", f"copy/{event.pk}/"):
        assert staff.get(AUDIT + path).status_code == 404
    text = page_of(staff.get(AUDIT))
    assert f"{AUDIT}new/" not in text
    assert f"{AUDIT}edit/" not in text


@pytest.mark.parametrize("export", [False, True])
@pytest.mark.parametrize(
    ("who", "where", "expected"),
    [
        ("anonymous", "hub", "login"),
        ("member", "hub", 403),
        ("officer", "hub", 403),
        ("staff", "hub", 200),
        ("officer", "site", 404),
        ("staff", "site", 404),
    ],
)
def test_only_central_staff_on_the_hub_read_or_export_the_log(
    people, history, clp_a, who, where, expected, export
):
    host = "localhost" if where == "hub" else clp_a
    response = client_for(host, people[who]).get(AUDIT, {"export": "csv"} if export else {})
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected
    if expected != 200:
        assert not response.get("Content-Type", "").startswith("text/csv")


def test_the_menu_shows_the_audit_log_to_staff_on_the_hub_only(staff_user, clp_a):
    assert AUDIT in client_for("localhost", staff_user).get("/admin/").content.decode()
    assert AUDIT not in client_for(clp_a, staff_user).get("/admin/").content.decode()


def test_the_log_takes_the_same_queries_however_long_it_is(
    staff, history, clp_a, staff_user, django_assert_max_num_queries
):
    staff.get(AUDIT)
    with django_assert_max_num_queries(30) as few:
        page_of(staff.get(AUDIT))
    for number in range(40):
        audit.record("register.changed", f"Change {number}", actor=staff_user, constituency=clp_a)
    with django_assert_max_num_queries(30) as many:
        page_of(staff.get(AUDIT))
    assert len(many) == len(few)
