"""When the last officer who can sign in to an account leaves office, the flag says so
that day and the handover checklist goes to the CLP's remaining officers (central
staff, when none remain)."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from governance.models import AuditEvent, Flag, PresenceEntry
from governance.register.entries import add_entry
from roles.appointments import announce_ended_appointments, end_appointment
from roles.models import Appointment
from tests.factories import UserFactory

NO_CURRENT_CONTROLLER = Flag.Kind.NO_CURRENT_CONTROLLER


@pytest.fixture
def smo_only_entry(unit_a, smo_a):
    return add_entry(
        unit=unit_a,
        platform=PresenceEntry.Platform.INSTAGRAM,
        handle="@testfordnorth",
        purpose="Photos",
        controllers=[smo_a],
        credentials_note="In the CLP's password manager",
        recovery_email="smo.personal@example.org",
        recovery_phone="07700 900123",
        other_holders=[("Sam Jones", "sam.jones@example.org")],
    )


def handovers():
    return [m for m in mail.outbox if m.subject.startswith("Hand over")]


def leave(user, django_capture_on_commit_callbacks, ends_on=None):
    with django_capture_on_commit_callbacks(execute=True):
        end_appointment(Appointment.objects.get(user=user), ends_on=ends_on)


def open_flag(entry):
    return Flag.objects.filter(
        kind=NO_CURRENT_CONTROLLER, entry=entry, resolved_on__isnull=True
    ).first()


def test_the_last_holder_leaving_raises_the_flag_today_and_mails_the_checklist(
    clp_a, officer_a, editor_a, smo_a, smo_only_entry, django_capture_on_commit_callbacks
):
    leave(smo_a, django_capture_on_commit_callbacks)

    flag = open_flag(smo_only_entry)
    assert flag is not None
    assert flag.raised_on == timezone.localdate()
    [message] = handovers()
    assert set(message.to) == {officer_a.email, editor_a.email}
    assert smo_a.email not in message.to
    body = message.body
    assert "change the password" in body
    assert "recovery email address (now smo.personal@example.org)" in body
    assert "recovery phone number (now 07700 900123)" in body
    assert f"Remove old admins from the account: {smo_a}" in body
    assert f"/admin/online-presence/{smo_only_entry.pk}/edit/" in body
    assert "testford-north.localhost" in body


def test_no_checklist_while_another_officer_can_still_sign_in(
    officer_a, smo_a, entry_a, django_capture_on_commit_callbacks
):
    leave(smo_a, django_capture_on_commit_callbacks)
    assert not handovers()
    assert open_flag(entry_a) is None


def test_with_no_officer_left_the_checklist_goes_to_central_staff(
    clp_a, smo_a, staff_user, smo_only_entry, django_capture_on_commit_callbacks
):
    UserFactory(email="retired.staff@example.org", is_central_staff=True, is_active=False)
    leave(smo_a, django_capture_on_commit_callbacks)
    [message] = handovers()
    assert message.to == [staff_user.email]
    assert "No officer of Testford North remains" in message.body
    assert "localhost/admin/online-presence/" in message.body
    assert open_flag(smo_only_entry) is not None


def test_a_leaving_date_ahead_sends_the_checklist_now_and_the_flag_waits_for_the_day(
    officer_a, smo_a, smo_only_entry, django_capture_on_commit_callbacks
):
    leaves_on = timezone.localdate() + dt.timedelta(days=7)
    leave(smo_a, django_capture_on_commit_callbacks, ends_on=leaves_on)
    [message] = handovers()
    assert f"leaves office in Testford North on {leaves_on:%-d %B %Y}" in message.body
    assert open_flag(smo_only_entry) is None


def test_a_holder_who_is_not_an_officer_does_not_keep_the_account_in_officer_control(
    officer_a, smo_a, smo_only_entry, django_capture_on_commit_callbacks
):
    """Sam Jones (a group admin, no office) can still sign in: it is flagged anyway."""
    leave(smo_a, django_capture_on_commit_callbacks)
    assert open_flag(smo_only_entry) is not None
    assert len(handovers()) == 1


def test_an_account_of_another_clp_is_untouched(
    clp_b, officer_a, officer_b, smo_a, smo_only_entry, entry_b, django_capture_on_commit_callbacks
):
    leave(smo_a, django_capture_on_commit_callbacks)
    [message] = handovers()
    assert officer_b.email not in message.to
    assert open_flag(entry_b) is None


# An appointment made with its end date already set ends without anyone clicking "End":
# roles' morning task announces it on the day, once.


def test_an_appointment_reaching_its_set_end_date_hands_over_and_is_audited_that_morning(
    officer_a, smo_a, smo_only_entry, django_capture_on_commit_callbacks, time_machine
):
    appointment = Appointment.objects.get(user=smo_a)
    ends_on = timezone.localdate() + dt.timedelta(days=3)
    Appointment.objects.filter(pk=appointment.pk).update(ends_on=ends_on)

    with django_capture_on_commit_callbacks(execute=True):
        assert announce_ended_appointments() == 0  # not yet
    assert handovers() == []

    time_machine.move_to(dt.datetime.combine(ends_on, dt.time(0, 10)), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert announce_ended_appointments() == 1
    [message] = handovers()
    assert set(message.to) == {officer_a.email}
    assert open_flag(smo_only_entry).raised_on == ends_on
    ended = AuditEvent.objects.filter(
        action="appointment.ended", details__appointment=appointment.pk
    )
    assert ended.count() == 1
    assert ended.get().actor is None

    with django_capture_on_commit_callbacks(execute=True):
        assert announce_ended_appointments() == 0  # the next morning's run: nothing twice
    assert len(handovers()) == 1


def test_an_appointment_ended_early_is_not_announced_again_on_its_date(
    officer_a, smo_a, smo_only_entry, django_capture_on_commit_callbacks, time_machine
):
    leaves_on = timezone.localdate() + dt.timedelta(days=7)
    leave(smo_a, django_capture_on_commit_callbacks, ends_on=leaves_on)
    assert len(handovers()) == 1
    time_machine.move_to(dt.datetime.combine(leaves_on, dt.time(0, 10)), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert announce_ended_appointments() == 0
    assert len(handovers()) == 1
