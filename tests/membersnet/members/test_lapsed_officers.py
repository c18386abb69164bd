"""Officers must be current members: when a membership lapses or ends (a member-list
import, central staff editing or removing the record), the person's appointments in that
constituency end the same day, they, the CLP's other officers and central staff are
emailed, it is audited, and the dashboard and flags show the gap at once."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from governance.compliance import dashboard
from governance.models import AuditEvent, ComplianceSnapshot, Flag
from governance.register.flags import check_flags
from governance.register.units import ensure_clp_unit
from membersnet.members.importing import import_members
from membersnet.members.models import Member
from roles.appointments import appoint
from roles.models import Appointment, Role
from tests.factories import make_member, make_officer
from tests.helpers import client_for, html_of

from .shared import hub, upload_member_list

TODAY = timezone.localdate()
SMO_SUBJECT = "You are no longer Social Media Officer of Testford North"


def _row(user, *, gss_code="E14999901", status="lapsed"):
    member = Member.objects.get(user=user)
    return (
        "membership_number,name,email,gss_code,status\n"
        f"{member.membership_number},{member.name},{member.email},{gss_code},{status}\n"
    )


def _sent(subject_part):
    return [message for message in mail.outbox if subject_part in message.subject]


def _ended_events(since_pk):
    return AuditEvent.objects.filter(pk__gt=since_pk, action="appointment.ended_not_member")


def _last_event_pk():
    last = AuditEvent.objects.order_by("-pk").first()
    return last.pk if last else 0


@pytest.fixture
def smo(clp_a):
    """Testford North's only designated administrator."""
    return make_officer(
        clp_a,
        Role.SOCIAL_MEDIA_OFFICER,
        email="smo.lapse@example.org",
        first_name="Sadia",
        last_name="Okafor",
    )


@pytest.fixture
def unit(clp_a):
    unit = ensure_clp_unit(clp_a)
    check_flags(TODAY)
    return unit


def _open_no_administrator_flag(unit):
    return Flag.objects.filter(
        kind=Flag.Kind.NO_ADMINISTRATOR, unit=unit, resolved_on__isnull=True
    ).first()


def test_a_member_list_that_lapses_the_social_media_officer_ends_their_office_that_day(
    clp_a, smo, editor_a, staff_user, unit, django_capture_on_commit_callbacks
):
    assert _open_no_administrator_flag(unit) is None
    assert clp_a not in dashboard.without_administrator(dashboard.clps())
    assert client_for(clp_a, smo).get("/admin/").status_code == 200
    since = _last_event_pk()

    with django_capture_on_commit_callbacks(execute=True):
        report = import_members(_row(smo), invite=False, by=staff_user)

    assert report.updated == 1
    appointment = Appointment.objects.get(user=smo)
    assert appointment.ends_on == TODAY
    assert not appointment.is_current()
    assert not smo.groups.exists()
    assert client_for(clp_a, smo).get("/admin/").status_code == 403
    assert Member.objects.get(user=smo).lapsed_on == TODAY

    [to_smo] = _sent(SMO_SUBJECT)
    assert to_smo.to == [smo.email]
    assert "no longer show you as a current member in Testford North" in to_smo.body
    [to_officers, to_staff] = _sent(
        "Testford North: Sadia Okafor is no longer Social Media Officer"
    )
    assert to_officers.to == [editor_a.email]
    assert "now has no designated administrator" in to_officers.body
    assert f"their membership lapsed on {TODAY:%-d %B %Y}" in to_officers.body
    assert to_staff.to == [staff_user.email]
    assert "smo.lapse@example.org" in to_staff.body
    assert "http://localhost/admin/compliance/" in to_staff.body

    [event] = _ended_events(since)
    assert event.actor == staff_user
    assert event.constituency == clp_a
    assert event.details["reason"] == f"their membership lapsed on {TODAY:%-d %B %Y}"
    assert event.details["source"] == "member list import"
    assert event.action_label == "Appointments ended: no longer a current member"
    assert AuditEvent.objects.filter(
        pk__gt=since, action="appointment.ended", details__appointment=appointment.pk
    ).exists()

    # The gap shows at once: live on the dashboard, and in the flags and today's
    # snapshot, checked again on commit rather than at night.
    assert clp_a in dashboard.without_administrator(dashboard.clps())
    assert _open_no_administrator_flag(unit).raised_on == TODAY
    snapshot = ComplianceSnapshot.objects.get(taken_on=TODAY, nation=clp_a.nation)
    assert (
        snapshot.clps_with_administrator
        == dashboard.clps(clp_a.nation).filter(dashboard.has_administrator()).count()
    )


def test_the_dashboard_lists_the_clp_as_needing_attention_since_today(
    clp_a, smo, staff, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_members(_row(smo), invite=False, by=staff_user)
    page = html_of(staff.get("/admin/compliance/"))
    section = page.partition('id="no-administrator"')[2].partition("</section>")[0]
    row = section.partition(">Testford North</a>")[2].partition("</tr>")[0]
    assert "Needs attention" in row
    assert "no designated administrator since today" in row


def test_an_upload_in_the_hubs_admin_lapses_officers_as_it_imports(
    clp_a, smo, staff_user, django_capture_on_commit_callbacks
):
    since = _last_event_pk()
    with django_capture_on_commit_callbacks(execute=True):
        upload_member_list(hub(staff_user), _row(smo))
    assert not Appointment.objects.get(user=smo).is_current()
    [event] = _ended_events(since)
    assert event.actor == staff_user
    assert len(_sent(SMO_SUBJECT)) == 1


def test_the_import_command_lapses_officers_too(
    clp_a, smo, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "members.csv"
    path.write_text(_row(smo))
    since = _last_event_pk()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_members", str(path), "--no-invitations", stdout=None)
    assert not Appointment.objects.get(user=smo).is_current()
    [event] = _ended_events(since)
    assert event.actor is None


def test_moving_to_another_constituency_ends_offices_in_the_old_one(
    clp_a, clp_b, smo, officer_b, django_capture_on_commit_callbacks
):
    since = _last_event_pk()
    with django_capture_on_commit_callbacks(execute=True):
        import_members(_row(smo, gss_code="W07999902", status="active"), invite=False)
    assert not Appointment.objects.get(user=smo).is_current()
    [event] = _ended_events(since)
    assert event.details["reason"] == "they are now a member of the Testford South CLP"
    # Testford South's officers have nothing to do with Testford North's change.
    assert all(officer_b.email not in message.to for message in mail.outbox)


def test_a_lapse_in_one_clp_leaves_other_clps_and_exceptions_alone(
    clp_a, clp_b, smo, officer_a, officer_b, django_capture_on_commit_callbacks
):
    by_exception = appoint(
        user=smo,
        constituency=clp_b,
        role=Role.EDITOR,
        membership_exception="Helps Testford South's site while it has no editor.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_members(_row(smo), invite=False)
    assert not Appointment.objects.get(user=smo, constituency=clp_a).is_current()
    by_exception.refresh_from_db()
    assert by_exception.is_current()
    assert Appointment.objects.get(user=officer_b).is_current()
    assert Appointment.objects.get(user=officer_a).is_current()
    recipients = {address for message in mail.outbox for address in message.to}
    assert officer_a.email in recipients
    assert officer_b.email not in recipients
    # Testford North keeps its Secretary: the officers are told, without the alarm.
    [to_officers] = [
        m for m in _sent("is no longer Social Media Officer") if m.to == [officer_a.email]
    ]
    assert "no designated administrator" not in to_officers.body


def test_central_staff_lapsing_a_member_record_ends_their_offices_and_say_so(
    clp_a, smo, staff, staff_user, django_capture_on_commit_callbacks
):
    member = Member.objects.get(user=smo)
    form = {
        "name": member.name,
        "email": member.email,
        "constituency": clp_a.pk,
        "status": "lapsed",
        "digest_opt_in": "on",
    }
    since = _last_event_pk()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"/admin/member-records/edit/{member.pk}/", form, follow=True)
    assert response.status_code == 200
    assert "Sadia Okafor is no longer Social Media Officer of Testford North" in html_of(response)
    assert not Appointment.objects.get(user=smo).is_current()
    [event] = _ended_events(since)
    assert event.actor == staff_user
    assert event.details["source"] == "member record edited by central staff"
    assert len(_sent(SMO_SUBJECT)) == 1


def test_central_staff_removing_a_member_record_ends_their_offices(
    clp_a, smo, staff, django_capture_on_commit_callbacks
):
    member = Member.objects.get(user=smo)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"/admin/member-records/delete/{member.pk}/", follow=True)
    assert response.status_code == 200
    assert not Member.objects.filter(pk=member.pk).exists()
    assert not Appointment.objects.get(user=smo).is_current()
    assert len(_sent(SMO_SUBJECT)) == 1


def test_edits_that_keep_the_membership_current_end_nothing(
    clp_a, smo, staff, django_capture_on_commit_callbacks
):
    member = Member.objects.get(user=smo)
    form = {
        "name": "Sadia Okafor-Reid",
        "email": member.email,
        "constituency": clp_a.pk,
        "status": "active",
        "digest_opt_in": "on",
    }
    since = _last_event_pk()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/admin/member-records/edit/{member.pk}/", form)
        import_members(_row(smo, status="active"), invite=False)
    assert Appointment.objects.get(user=smo).is_current()
    assert not _ended_events(since).exists()
    assert not _sent("no longer")


def test_a_member_who_holds_no_office_lapses_quietly(
    clp_a, member_user, django_capture_on_commit_callbacks
):
    since = _last_event_pk()
    with django_capture_on_commit_callbacks(execute=True):
        import_members(_row(member_user), invite=False)
    assert Member.objects.get(user=member_user).status == "lapsed"
    assert not _ended_events(since).exists()
    assert not mail.outbox


def test_renewing_clears_the_lapse_date_and_a_renewed_member_can_be_appointed_again(
    clp_a, smo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_members(_row(smo), invite=False)
        import_members(_row(smo, status="active"), invite=False)
    assert Member.objects.get(user=smo).lapsed_on is None
    assert appoint(user=smo, constituency=clp_a, role=Role.EDITOR).is_current()


@pytest.mark.parametrize("user_fixture", ["member_user", "officer_a", "officer_b"])
def test_only_central_staff_edit_or_remove_member_records(
    request, clp_a, smo, user_fixture, django_capture_on_commit_callbacks
):
    member = Member.objects.get(user=smo)
    client = hub(request.getfixturevalue(user_fixture))
    with django_capture_on_commit_callbacks(execute=True):
        edit = client.post(
            f"/admin/member-records/edit/{member.pk}/",
            {
                "name": member.name,
                "email": member.email,
                "constituency": clp_a.pk,
                "status": "lapsed",
            },
        )
        remove = client.post(f"/admin/member-records/delete/{member.pk}/")
    assert edit.status_code == 403
    assert remove.status_code == 403
    assert Member.objects.get(pk=member.pk).status == "active"
    assert Appointment.objects.get(user=smo).is_current()


def test_anonymous_visitors_cannot_edit_member_records(clp_a, smo):
    member = Member.objects.get(user=smo)
    response = hub().post(f"/admin/member-records/delete/{member.pk}/")
    assert response.status_code == 302
    assert Appointment.objects.get(user=smo).is_current()


def test_a_bad_edit_keeps_what_was_typed_and_ends_nothing(
    clp_a, smo, staff, django_capture_on_commit_callbacks
):
    member = Member.objects.get(user=smo)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            f"/admin/member-records/edit/{member.pk}/",
            {
                "name": "Sadia Okafor",
                "email": "not-an-email",
                "constituency": clp_a.pk,
                "status": "lapsed",
            },
        )
    assert response.status_code == 200
    assert 'value="not-an-email"' in html_of(response)
    assert Member.objects.get(pk=member.pk).status == "active"
    assert Appointment.objects.get(user=smo).is_current()


def test_an_appointment_due_to_start_is_ended_before_it_starts(
    clp_a, smo, django_capture_on_commit_callbacks
):
    later = appoint(
        user=smo,
        constituency=clp_a,
        role=Role.EDITOR,
        starts_on=TODAY + dt.timedelta(days=10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_members(_row(smo), invite=False)
    later.refresh_from_db()
    assert later.ends_on == later.starts_on
    assert not later.is_current(TODAY + dt.timedelta(days=10))
    assert not Appointment.objects.current(TODAY + dt.timedelta(days=10)).filter(user=smo)


def test_the_check_lists_officers_who_are_not_members_and_ends_them_when_asked(
    clp_a, smo, officer_a, django_capture_on_commit_callbacks
):
    # Appointed before the rule: their record lapsed without going through the import.
    Member.objects.filter(user=smo).update(status="lapsed")
    exception = appoint(
        user=make_member(clp_a, email="covering@example.org", status="lapsed"),
        constituency=clp_a,
        role=Role.EDITOR,
        membership_exception="Covering until the AGM.",
    )
    out = io.StringIO()
    call_command("check_officer_memberships", stdout=out)
    assert "smo.lapse@example.org" in out.getvalue()
    assert "their membership has lapsed" in out.getvalue()
    assert "covering@example.org" not in out.getvalue()
    assert officer_a.email not in out.getvalue()
    assert "1 officer not current members. Run with --end to end them." in out.getvalue()
    assert Appointment.objects.get(user=smo).is_current()

    since = _last_event_pk()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_officer_memberships", "--end", stdout=io.StringIO())
    assert not Appointment.objects.get(user=smo).is_current()
    exception.refresh_from_db()
    assert exception.is_current()
    [event] = _ended_events(since)
    assert event.details["source"] == "check_officer_memberships command"
    assert len(_sent(SMO_SUBJECT)) == 1
    out = io.StringIO()
    call_command("check_officer_memberships", stdout=out)
    assert "Every officer is a current member" in out.getvalue()
