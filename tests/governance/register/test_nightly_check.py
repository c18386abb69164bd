"""The nightly governance check: the flags it raises, the emails it sends and the day's
compliance snapshot."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from governance.compliance.snapshots import record_snapshots
from governance.models import (
    AccountReport,
    ComplianceSnapshot,
    KeyEventRecord,
    PartyUnit,
)
from governance.register.units import ensure_clp_unit
from governance.tasks import nightly_check
from labourhub.celery import ConstituencyTask, app
from membersnet.training.models import Course, CourseCompletion
from roles.models import Role
from tests.factories import UserFactory, make_officer

from .flag_helpers import NO_ADMINISTRATOR, entry, open_flag


class FlakyMailServer(EmailBackend):
    """A mail server that refuses the first two messages, then recovers."""

    failures = 0

    def send_messages(self, messages):
        if FlakyMailServer.failures < 2:
            FlakyMailServer.failures += 1
            raise smtplib.SMTPServerDisconnected("421 try again later")
        return super().send_messages(messages)


@pytest.fixture
def run_nightly(django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return nightly_check.delay().get()

    return run


@pytest.fixture
def nightly_cast(clp_a, clp_b, unit_a, unit_b, staff_user):
    """A has a Secretary, an editor and an account only its former SMO controls; B has
    no designated administrator at all."""
    secretary = make_officer(clp_a, Role.SECRETARY, email="secretary.a@example.org")
    editor = make_officer(clp_a, Role.EDITOR, email="editor.a@example.org")
    former = make_officer(
        clp_a,
        Role.SOCIAL_MEDIA_OFFICER,
        email="former.a@example.org",
        starts_days_ago=400,
        ends_in_days=-5,
    )
    editor_b = make_officer(clp_b, Role.EDITOR, email="editor.b@example.org")
    account = entry(unit_a, former, handle="@TestfordNorthLabour")
    UserFactory(email="retired.staff@example.org", is_central_staff=True, is_active=False)
    return {
        "secretary": secretary,
        "editor": editor,
        "former": former,
        "editor_b": editor_b,
        "account": account,
        "staff": staff_user,
    }


def mail_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_designated_administrators_are_emailed_their_own_open_flags(nightly_cast, run_nightly):
    run_nightly()
    [message] = mail_to("secretary.a@example.org")
    assert "Testford North" in message.subject
    assert "@TestfordNorthLabour" in message.body
    assert "No current officer controls it" in message.body
    assert "http://testford-north.localhost/admin/online-presence/" in message.body
    assert "Testford South" not in message.body


def test_editors_and_former_officers_are_not_emailed_flags(nightly_cast, run_nightly):
    run_nightly()
    assert mail_to("editor.a@example.org") == []
    assert mail_to("former.a@example.org") == []
    assert mail_to("editor.b@example.org") == []


def test_a_clp_with_no_flags_gets_no_email(clp_a, unit_a, run_nightly):
    make_officer(clp_a, Role.SECRETARY, email="secretary.a@example.org")
    run_nightly()
    assert mail_to("secretary.a@example.org") == []


def test_a_forums_flags_go_to_the_administrators_of_its_clps(clp_a, clp_b, run_nightly):
    make_officer(clp_a, Role.SECRETARY, email="secretary.a@example.org")
    make_officer(clp_b, Role.SOCIAL_MEDIA_OFFICER, email="smo.b@example.org")
    forum = PartyUnit.objects.create(kind=PartyUnit.Kind.LCF, name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    entry(forum, handle="@TestfordLCF")
    run_nightly()
    for address in ("secretary.a@example.org", "smo.b@example.org"):
        [message] = mail_to(address)
        assert "@TestfordLCF" in message.body
        assert "Testford LCF" in message.body


def test_central_staff_get_the_national_summary(nightly_cast, run_nightly, clp_b):
    run_nightly()
    [summary] = mail_to("staff@example.org")
    body = summary.body
    assert "No designated administrator: 1 (Wales 1)" in body
    assert "No current officer controls it: 1 (England 1)" in body
    assert "CLPs without a designated administrator (1)" in body
    assert "Testford South (Wales)" in body
    assert f"http://localhost/admin/constituencies/{clp_b.pk}/" in body
    assert "http://localhost/admin/compliance/" in body
    assert "Testford North (England)" not in body


def test_the_summary_lists_open_reports_and_key_events_at_risk(nightly_cast, clp_a, run_nightly):

    AccountReport.objects.create(
        unit=ensure_clp_unit(clp_a),
        account="@FakeTestfordLabour",
        reason=AccountReport.Reason.NOT_ON_REGISTER,
        details="Pretends to be us.",
    )
    KeyEventRecord.objects.create(
        constituency=clp_a,
        event_id=7,
        title="Manifesto launch",
        starts_at=timezone.now() + dt.timedelta(days=3),
        path="/events/manifesto-launch/",
        items_total=3,
        items_done=1,
    )
    run_nightly()
    [summary] = mail_to("staff@example.org")
    assert "Open reports of accounts (1)" in summary.body
    assert "@FakeTestfordLabour" in summary.body
    assert "Manifesto launch, Testford North" in summary.body
    assert "(1 of 3 publicity items done)" in summary.body
    assert "http://testford-north.localhost/events/manifesto-launch/" in summary.body


def test_inactive_staff_and_officers_get_no_summary(nightly_cast, run_nightly):
    run_nightly()
    assert mail_to("retired.staff@example.org") == []
    summaries = [m for m in mail.outbox if "compliance" in m.subject.lower()]
    assert len(summaries) == 1
    assert summaries[0].to == ["staff@example.org"]


@pytest.fixture
def retrying_in_process():
    """In-process tasks retry as a worker would only when failures don't propagate."""

    propagates = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = propagates


def test_emails_are_retried_when_the_mail_server_fails(
    nightly_cast, run_nightly, settings, retrying_in_process
):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyMailServer"
    FlakyMailServer.failures = 0
    run_nightly()
    assert FlakyMailServer.failures == 2
    assert len(mail_to("secretary.a@example.org")) == 1
    assert len(mail_to("staff@example.org")) == 1


class BrokenMailServer(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("421 down for maintenance")


def test_a_mail_server_down_loses_neither_the_flags_nor_the_snapshot(
    nightly_cast, unit_b, run_nightly, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    run_nightly()
    assert open_flag(NO_ADMINISTRATOR, unit_b)
    assert ComplianceSnapshot.objects.filter(taken_on=timezone.localdate()).count() == 2
    assert mail.outbox == []


def test_the_nightly_task_is_a_hub_task_scheduled_by_beat():
    assert not isinstance(nightly_check, ConstituencyTask)
    schedule = app.conf.beat_schedule["governance-nightly-check"]
    assert schedule["task"] == nightly_check.name == "governance.tasks.nightly_check"


def test_the_nightly_task_raises_flags_and_records_a_snapshot_per_nation(
    nightly_cast, run_nightly, unit_b
):
    result = run_nightly()
    today = timezone.localdate()
    assert open_flag(NO_ADMINISTRATOR, unit_b).raised_on == today
    snapshots = {s.nation: s for s in ComplianceSnapshot.objects.filter(taken_on=today)}
    assert set(snapshots) == {"E", "W"}
    england, wales = snapshots["E"], snapshots["W"]
    assert (england.clps, england.clps_with_administrator) == (1, 1)
    assert (wales.clps, wales.clps_with_administrator) == (1, 0)
    assert (england.officers, england.trained_officers) == (2, 2)  # no course: all trained
    assert (england.entries, england.flagged_entries) == (1, 1)
    assert (wales.officers, wales.entries) == (1, 0)
    assert result["snapshots"] == 2


def test_running_the_nightly_task_twice_keeps_one_snapshot_a_day(nightly_cast, clp_b, run_nightly):
    run_nightly()
    make_officer(clp_b, Role.SECRETARY, email="secretary.b@example.org")
    run_nightly()
    today = timezone.localdate()
    assert ComplianceSnapshot.objects.filter(taken_on=today).count() == 2
    wales = ComplianceSnapshot.objects.get(taken_on=today, nation="W")
    assert wales.clps_with_administrator == 1


def test_trained_officers_are_those_who_completed_the_publishing_course(nightly_cast):

    course = Course.objects.create(
        title="Publishing on your CLP site",
        slug="publishing",
        summary="How to publish.",
        is_published=True,
        required_for_publishing=True,
    )
    CourseCompletion.objects.create(
        user=nightly_cast["secretary"], course=course, name_on_certificate="A Secretary"
    )
    [england, _] = record_snapshots()
    assert (england.nation, england.officers, england.trained_officers) == ("E", 2, 1)
