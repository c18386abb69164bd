"""Central staff appoint officers and end their appointments from the hub's admin."""

import pytest
from django.utils import timezone

from governance.models import AuditEvent
from roles.models import Appointment
from tests.factories import UserFactory, give_mfa, make_member
from tests.helpers import client_for, html_of


def test_staff_appoint_an_existing_user_who_can_then_open_the_admin(staff, staff_user, clp_a):
    person = give_mfa(make_member(clp_a, email="new.officer@example.org"))
    response = staff.post(
        f"/admin/appointments/new/{clp_a.pk}/",
        {
            "email": "New.Officer@example.org",
            "role": "secretary",
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": "",
        },
        follow=True,
    )
    assert f"{person} is Secretary of Testford North." in response.content.decode()
    appointment = Appointment.objects.get(user=person)
    assert appointment.granted_by == staff_user
    assert client_for(clp_a, person).get("/admin/").status_code == 200


def test_an_unknown_email_is_explained_and_the_form_is_kept(staff, clp_a):
    response = staff.post(
        f"/admin/appointments/new/{clp_a.pk}/",
        {"email": "nobody@example.org", "role": "editor", "starts_on": "2026-01-01"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "No LabourHub account uses that email address." in page
    assert 'value="nobody@example.org"' in page
    assert not Appointment.objects.exists()


def test_dates_in_the_wrong_order_are_explained(staff, clp_a):
    UserFactory(email="dates@example.org")
    response = staff.post(
        f"/admin/appointments/new/{clp_a.pk}/",
        {
            "email": "dates@example.org",
            "role": "editor",
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
        },
    )
    assert "An appointment cannot end before it starts." in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_duplicate_appointment_is_explained(staff, clp_a, officer_a):
    response = staff.post(
        f"/admin/appointments/new/{clp_a.pk}/",
        {
            "email": officer_a.email,
            "role": "secretary",
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    assert "already holds that role" in response.content.decode()
    assert Appointment.objects.filter(user=officer_a).count() == 1


def test_ending_an_appointment_takes_admin_access_away_at_once(staff, clp_a, officer_a):
    appointment = Appointment.objects.get(user=officer_a)
    assert client_for(clp_a, officer_a).get("/admin/").status_code == 200
    response = staff.post(f"/admin/appointments/{appointment.pk}/end/", follow=True)
    assert "is no longer Secretary of Testford North" in response.content.decode()
    assert client_for(clp_a, officer_a).get("/admin/").status_code == 403


def test_ending_an_appointment_twice_keeps_its_first_end_and_says_so(staff, clp_a, officer_a):

    appointment = Appointment.objects.get(user=officer_a)
    staff.post(f"/admin/appointments/{appointment.pk}/end/")
    appointment.refresh_from_db()
    ended_on = appointment.ends_on
    response = staff.post(f"/admin/appointments/{appointment.pk}/end/", follow=True)
    assert response.status_code == 200
    assert "stopped being Secretary of Testford North" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.ends_on == ended_on
    assert AuditEvent.objects.filter(action="appointment.ended").count() == 1


def test_the_detail_page_lists_current_and_past_officers(
    staff, clp_a, officer_a, expired_officer_a
):
    page = html_of(staff.get(f"/admin/constituencies/{clp_a.pk}/"))
    current, _, past = page.partition("Past and future appointments")
    assert officer_a.email in current
    assert str(expired_officer_a) in past


@pytest.mark.parametrize("user_fixture", ["member_user", "officer_a"])
def test_only_central_staff_can_appoint_or_end(request, clp_a, user_fixture, officer_a):
    user = request.getfixturevalue(user_fixture)
    client = client_for("localhost", user)
    appointment = Appointment.objects.get(user=officer_a)
    assert (
        client.post(
            f"/admin/appointments/new/{clp_a.pk}/",
            {"email": user.email, "role": "secretary", "starts_on": "2026-01-01"},
        ).status_code
        == 403
    )
    assert client.post(f"/admin/appointments/{appointment.pk}/end/").status_code == 403
    appointment.refresh_from_db()
    assert appointment.ends_on is None
