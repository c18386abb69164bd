"""Central staff appoint officers and end their appointments from the hub's admin."""

import datetime as dt

import pytest
from django.utils import timezone

from governance.models import AuditEvent
from roles.appointments import appoint
from roles.models import Appointment, Role
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
    assert "stopped being Secretary of Testford North today." in html_of(response)
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


@pytest.mark.parametrize("user_fixture", ["member_user", "officer_a", "officer_b"])
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


def test_anonymous_visitors_are_sent_to_sign_in_and_appoint_nobody(clp_a, member_user):
    client = client_for("localhost")
    response = client.post(
        f"/admin/appointments/new/{clp_a.pk}/",
        {"email": member_user.email, "role": "secretary", "starts_on": "2026-01-01"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Appointment.objects.filter(user=member_user).exists()


def test_appointing_a_lapsed_member_is_refused_naming_the_reason_and_keeps_the_form(staff, clp_a):
    lapsed = make_member(
        clp_a, email="lapsed.smo@example.org", status="lapsed", lapsed_on=dt.date(2026, 3, 3)
    )
    before = AuditEvent.objects.count()
    response = staff.post(
        f"/admin/appointments/new/{clp_a.pk}/",
        {
            "email": "lapsed.smo@example.org",
            "role": "social_media_officer",
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    page = html_of(response)
    assert response.status_code == 200
    assert (
        f"{lapsed} is not a current member of the Testford North CLP: their membership "
        "lapsed on 3 March 2026." in page
    )
    assert 'value="lapsed.smo@example.org"' in page
    assert "Reason for an exception" in page
    assert not Appointment.objects.filter(user=lapsed).exists()
    assert AuditEvent.objects.count() == before


def test_appointing_someone_with_no_member_record_says_so(staff, clp_a):
    person = UserFactory(email="no.record@example.org")
    page = html_of(
        staff.post(
            f"/admin/appointments/new/{clp_a.pk}/",
            {"email": person.email, "role": "secretary", "starts_on": "2026-01-01"},
        )
    )
    assert f"{person} is not a current member of the Testford North CLP: they have no " in page
    assert not Appointment.objects.filter(user=person).exists()


def test_staff_appoint_a_non_member_by_stated_exception_and_it_is_audited(staff, staff_user, clp_a):
    person = UserFactory(email="organiser@example.org")
    response = staff.post(
        f"/admin/appointments/new/{clp_a.pk}/",
        {
            "email": person.email,
            "role": "secretary",
            "starts_on": timezone.localdate().isoformat(),
            "membership_exception": "Regional organiser covering until the AGM.",
        },
        follow=True,
    )
    assert f"{person} is Secretary of Testford North." in html_of(response)
    appointment = Appointment.objects.get(user=person)
    assert appointment.membership_exception == "Regional organiser covering until the AGM."
    event = AuditEvent.objects.get(action="appointment.created_by_exception")
    assert event.actor == staff_user
    assert event.details["membership_exception"] == "Regional organiser covering until the AGM."
    assert event.action_label == "Officer appointed by exception (not a current member)"
    detail = html_of(staff.get(f"/admin/constituencies/{clp_a.pk}/"))
    assert "appointed by exception: Regional organiser covering until the AGM." in detail


def test_an_appointment_ended_today_reads_ended_today_not_a_one_day_range(staff, clp_a):
    person = make_member(clp_a, email="brief@example.org")
    appointment = appoint(user=person, constituency=clp_a, role=Role.EDITOR)
    staff.post(f"/admin/appointments/{appointment.pk}/end/")
    page = html_of(staff.get(f"/admin/constituencies/{clp_a.pk}/"))
    _, _, past = page.partition("Past and future appointments")
    assert f"{person}: Editor, ended today" in past
    today = timezone.localdate()
    assert f"{today:%-d %b %Y} to {today:%-d %b %Y}" not in page
