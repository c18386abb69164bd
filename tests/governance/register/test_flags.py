"""The nightly check flags CLPs, branches and Local Campaign Forums without a designated
administrator, and register entries nobody in office controls or nobody has reviewed
for 12 months; it emails the CLPs' administrators and central staff, and records the
day's compliance snapshot."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone

from constituencies.models import Constituency
from governance.compliance.snapshots import record_snapshots
from governance.demo import fill_demo_governance
from governance.models import (
    AccountReport,
    ComplianceSnapshot,
    Flag,
    KeyEventRecord,
    PartyUnit,
    PresenceEntry,
    ReportEvent,
)
from governance.register.flags import check_flags, review_cutoff
from governance.register.units import ensure_clp_unit
from governance.tasks import nightly_check
from labourhub.celery import ConstituencyTask, app
from membersnet.training.models import Course, CourseCompletion
from roles.appointments import appoint, end_appointment
from roles.models import Role
from tests.factories import UserFactory, make_officer

NO_ADMINISTRATOR = Flag.Kind.NO_ADMINISTRATOR
NO_CURRENT_CONTROLLER = Flag.Kind.NO_CURRENT_CONTROLLER
NOT_REVIEWED = Flag.Kind.NOT_REVIEWED
DAY = dt.date(2026, 6, 15)
ONE_DAY = dt.timedelta(days=1)


def person(email):
    return UserFactory(email=email)


def hold(user, constituency, role=Role.SECRETARY, *, starts_on, ends_on=None):
    return appoint(
        user=user, constituency=constituency, role=role, starts_on=starts_on, ends_on=ends_on
    )


def entry(unit, *controllers, handle="@TestfordLabour", reviewed_on=None):
    made = PresenceEntry.objects.create(
        unit=unit,
        platform=PresenceEntry.Platform.X,
        handle=handle,
        purpose="Campaign updates.",
        credentials_note="In the CLP's password manager.",
        last_reviewed_on=reviewed_on or timezone.localdate(),
    )
    made.controllers.set(controllers)
    return made


def open_flag(kind, unit, entry=None):
    return Flag.objects.filter(kind=kind, unit=unit, entry=entry, resolved_on__isnull=True).first()


# --- Designated administrators --------------------------------------------------------------


def test_a_clp_without_a_designated_administrator_is_flagged(unit_a):
    result = check_flags(DAY)
    flag = open_flag(NO_ADMINISTRATOR, unit_a)
    assert flag is not None
    assert flag.raised_on == DAY
    assert result.raised[NO_ADMINISTRATOR] >= 1


def test_an_editor_alone_is_not_a_designated_administrator(clp_a, unit_a):
    hold(person("editor@example.org"), clp_a, Role.EDITOR, starts_on=DAY - 30 * ONE_DAY)
    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a)


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.SOCIAL_MEDIA_OFFICER])
def test_a_secretary_or_social_media_officer_is_a_designated_administrator(clp_a, unit_a, role):
    hold(person("officer@example.org"), clp_a, role, starts_on=DAY - 30 * ONE_DAY)
    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a) is None


def test_an_administrator_counts_up_to_the_day_before_their_term_ends(clp_a, unit_a):
    hold(person("leaving@example.org"), clp_a, starts_on=DAY - 300 * ONE_DAY, ends_on=DAY)

    check_flags(DAY - ONE_DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a) is None

    check_flags(DAY)  # the first day out of office
    assert open_flag(NO_ADMINISTRATOR, unit_a).raised_on == DAY

    check_flags(DAY + ONE_DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a).raised_on == DAY


def test_an_administrator_counts_from_their_first_day(clp_a, unit_a):
    hold(person("arriving@example.org"), clp_a, starts_on=DAY)

    check_flags(DAY - ONE_DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a).raised_on == DAY - ONE_DAY

    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a) is None
    flag = Flag.objects.get(kind=NO_ADMINISTRATOR, unit=unit_a)
    assert flag.resolved_on == DAY


def test_a_suspended_or_archived_clp_is_not_checked(clp_a, unit_a):
    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a)
    clp_a.suspend()
    check_flags(DAY + ONE_DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a) is None
    assert Flag.objects.get(kind=NO_ADMINISTRATOR, unit=unit_a).resolved_on == DAY + ONE_DAY


def test_a_branch_is_flagged_when_its_clp_has_no_designated_administrator(clp_a, unit_a):
    branch = PartyUnit.objects.create(kind=PartyUnit.Kind.BRANCH, name="Ward", constituency=clp_a)
    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, branch)

    hold(person("secretary@example.org"), clp_a, starts_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, branch) is None
    assert open_flag(NO_ADMINISTRATOR, unit_a) is None


def test_a_forum_is_flagged_only_when_none_of_its_clps_has_a_designated_administrator(clp_a, clp_b):
    forum = PartyUnit.objects.create(kind=PartyUnit.Kind.LCF, name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    secretary_b = hold(person("secretary.b@example.org"), clp_b, starts_on=DAY - 30 * ONE_DAY)

    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, forum) is None

    end_appointment(secretary_b, ends_on=DAY + ONE_DAY)
    check_flags(DAY + ONE_DAY)
    assert open_flag(NO_ADMINISTRATOR, forum).raised_on == DAY + ONE_DAY


# --- Register entries: control --------------------------------------------------------------


def test_an_entry_controlled_only_by_former_officers_is_flagged(clp_a, unit_a):
    former = person("former@example.org")
    hold(former, clp_a, Role.SOCIAL_MEDIA_OFFICER, starts_on=DAY - 400 * ONE_DAY, ends_on=DAY)
    account = entry(unit_a, former, reviewed_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account).raised_on == DAY


def test_an_entry_with_one_controller_in_office_is_not_flagged(clp_a, unit_a):
    former = person("former@example.org")
    editor = person("editor@example.org")
    hold(former, clp_a, starts_on=DAY - 400 * ONE_DAY, ends_on=DAY - 30 * ONE_DAY)
    hold(editor, clp_a, Role.EDITOR, starts_on=DAY - 30 * ONE_DAY)
    account = entry(unit_a, former, editor, reviewed_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account) is None


def test_an_entry_with_no_controllers_is_flagged(unit_a):
    account = entry(unit_a, reviewed_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account)


def test_an_officer_of_another_clp_does_not_count_as_a_controller(clp_b, unit_a):
    other = person("secretary.b@example.org")
    hold(other, clp_b, starts_on=DAY - 30 * ONE_DAY)
    account = entry(unit_a, other, reviewed_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account)


def test_a_controller_counts_up_to_the_day_before_their_term_ends(clp_a, unit_a):
    controller = person("smo@example.org")
    hold(controller, clp_a, Role.SOCIAL_MEDIA_OFFICER, starts_on=DAY - 300 * ONE_DAY, ends_on=DAY)
    account = entry(unit_a, controller, reviewed_on=DAY)

    check_flags(DAY - ONE_DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account) is None

    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account).raised_on == DAY

    check_flags(DAY + ONE_DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account).raised_on == DAY


def test_a_forum_entry_is_controlled_by_an_officer_of_any_of_its_clps(clp_a, clp_b):
    forum = PartyUnit.objects.create(kind=PartyUnit.Kind.LCF, name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    officer_b = person("secretary.b@example.org")
    hold(officer_b, clp_b, starts_on=DAY - 30 * ONE_DAY)
    account = entry(forum, officer_b, handle="@TestfordLCF", reviewed_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, forum, account) is None


def test_a_branch_entry_is_controlled_by_its_clps_officers(clp_a, clp_b):
    branch = PartyUnit.objects.create(kind=PartyUnit.Kind.BRANCH, name="Ward", constituency=clp_a)
    officer_a, officer_b = person("a@example.org"), person("b@example.org")
    hold(officer_a, clp_a, Role.EDITOR, starts_on=DAY - 30 * ONE_DAY)
    hold(officer_b, clp_b, starts_on=DAY - 30 * ONE_DAY)
    ours = entry(branch, officer_a, handle="@WardLabour", reviewed_on=DAY)
    theirs = entry(branch, officer_b, handle="@WardLabourToo", reviewed_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, branch, ours) is None
    assert open_flag(NO_CURRENT_CONTROLLER, branch, theirs)


# --- Register entries: review ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "reviewed_on", "flagged"),
    [
        # 365 days: within 12 months. 366 days: more than 12 months.
        (dt.date(2026, 3, 11), dt.date(2025, 3, 11), False),
        (dt.date(2026, 3, 11), dt.date(2025, 3, 10), True),
        # Across a 29 February the year is 366 days long.
        (dt.date(2028, 3, 1), dt.date(2027, 3, 1), False),
        (dt.date(2028, 3, 1), dt.date(2027, 2, 28), True),
        # Reviewed on 29 February: good until 28 February the next year.
        (dt.date(2025, 2, 28), dt.date(2024, 2, 29), False),
        (dt.date(2025, 3, 1), dt.date(2024, 2, 29), True),
    ],
)
def test_an_entry_is_flagged_when_last_reviewed_more_than_12_months_ago(
    clp_a, unit_a, on, reviewed_on, flagged
):
    smo = person("smo@example.org")
    hold(smo, clp_a, Role.SOCIAL_MEDIA_OFFICER, starts_on=dt.date(2020, 1, 1))
    account = entry(unit_a, smo, reviewed_on=reviewed_on)
    check_flags(on)
    assert (open_flag(NOT_REVIEWED, unit_a, account) is not None) is flagged
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account) is None


def test_the_review_cutoff_is_the_same_date_a_year_before():
    assert review_cutoff(dt.date(2026, 3, 11)) == dt.date(2025, 3, 11)
    assert review_cutoff(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


# --- Resolution and idempotence -------------------------------------------------------------


def test_a_flag_is_resolved_on_the_day_the_problem_is_fixed(clp_a, unit_a):
    former = person("former@example.org")
    hold(former, clp_a, starts_on=DAY - 400 * ONE_DAY, ends_on=DAY - 10 * ONE_DAY)
    account = entry(unit_a, former, reviewed_on=DAY - 400 * ONE_DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account)
    assert open_flag(NOT_REVIEWED, unit_a, account)

    newcomer = person("newcomer@example.org")
    hold(newcomer, clp_a, Role.SOCIAL_MEDIA_OFFICER, starts_on=DAY)
    account.controllers.add(newcomer)
    account.last_reviewed_on = DAY + ONE_DAY
    account.save()
    result = check_flags(DAY + ONE_DAY)

    assert result.resolved[NO_CURRENT_CONTROLLER] == 1
    assert result.resolved[NOT_REVIEWED] == 1
    assert result.resolved[NO_ADMINISTRATOR] == 1
    flags = Flag.objects.filter(unit=unit_a)
    assert {(f.kind, f.raised_on, f.resolved_on) for f in flags} == {
        (NO_ADMINISTRATOR, DAY, DAY + ONE_DAY),
        (NO_CURRENT_CONTROLLER, DAY, DAY + ONE_DAY),
        (NOT_REVIEWED, DAY, DAY + ONE_DAY),
    }


def test_a_problem_that_comes_back_opens_a_new_flag_and_keeps_the_old_one(clp_a, unit_a):
    secretary = hold(person("s@example.org"), clp_a, starts_on=DAY, ends_on=DAY + 10 * ONE_DAY)
    check_flags(DAY - ONE_DAY)
    check_flags(DAY)
    check_flags(DAY + 10 * ONE_DAY)
    flags = Flag.objects.filter(kind=NO_ADMINISTRATOR, unit=unit_a).order_by("raised_on")
    assert [(f.raised_on, f.resolved_on) for f in flags] == [
        (DAY - ONE_DAY, DAY),
        (DAY + 10 * ONE_DAY, None),
    ]
    assert secretary.ends_on == DAY + 10 * ONE_DAY


def test_running_the_check_twice_changes_nothing_the_second_time(clp_a, unit_a):
    former = person("former@example.org")
    hold(former, clp_a, starts_on=DAY - 400 * ONE_DAY, ends_on=DAY - 10 * ONE_DAY)
    entry(unit_a, former, reviewed_on=DAY - 400 * ONE_DAY)
    first = check_flags(DAY)
    before = list(Flag.objects.values_list("pk", "kind", "raised_on", "resolved_on"))

    second = check_flags(DAY)

    assert sum(first.raised.values()) >= 3
    assert sum(second.raised.values()) == 0
    assert sum(second.resolved.values()) == 0
    assert second.open == first.open
    assert list(Flag.objects.values_list("pk", "kind", "raised_on", "resolved_on")) == before


def test_a_deleted_entry_takes_its_flags_with_it(unit_a):
    account = entry(unit_a, reviewed_on=DAY)
    check_flags(DAY)
    account.delete()
    check_flags(DAY + ONE_DAY)
    assert not Flag.objects.filter(entry__isnull=False, unit=unit_a).exists()


def test_the_check_takes_the_same_number_of_queries_however_many_entries(
    clp_a, unit_a, django_assert_max_num_queries
):
    entry(unit_a, reviewed_on=DAY)
    with django_assert_max_num_queries(15) as few:
        check_flags(DAY)
    for number in range(30):
        entry(unit_a, handle=f"@Account{number}", reviewed_on=DAY - 400 * ONE_DAY)
    with django_assert_max_num_queries(15) as many:
        check_flags(DAY + ONE_DAY)
    assert len(many) == len(few)


# --- The nightly task: emails ----------------------------------------------------------------


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


# --- The nightly task: snapshots -------------------------------------------------------------


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


# --- Demo data -------------------------------------------------------------------------------


def test_the_demo_shows_every_flag_and_can_be_filled_twice(db):

    call_command("load_demo")
    fill_demo_governance()

    def state():
        return (
            PartyUnit.objects.count(),
            PresenceEntry.objects.count(),
            AccountReport.objects.count(),
            ReportEvent.objects.count(),
            sorted(Flag.objects.values_list("kind", "unit__name", "entry__handle", "resolved_on")),
            ComplianceSnapshot.objects.count(),
        )

    before = state()
    fill_demo_governance()
    assert state() == before

    glasgow = Constituency.objects.get(gss_code="S14000084")
    assert open_flag(NO_ADMINISTRATOR, ensure_clp_unit(glasgow))
    unowned = PresenceEntry.objects.get(handle="@CardiffEastLabour")
    assert open_flag(NO_CURRENT_CONTROLLER, unowned.unit, unowned)
    unreviewed = PresenceEntry.objects.get(handle="@BristolEastLabour")
    assert open_flag(NOT_REVIEWED, unreviewed.unit, unreviewed)
    demo_flags = Flag.objects.filter(resolved_on__isnull=True).exclude(
        unit__name__startswith="Testford"
    )
    assert sorted(demo_flags.values_list("kind", flat=True)) == sorted(
        [NO_ADMINISTRATOR, NO_CURRENT_CONTROLLER, NOT_REVIEWED]
    )
    assert PartyUnit.objects.filter(kind=PartyUnit.Kind.BRANCH).exists()
    assert PartyUnit.objects.filter(kind=PartyUnit.Kind.LCF).exists()
    assert set(PresenceEntry.objects.values_list("platform", flat=True)) >= {
        "website",
        "facebook_page",
        "x",
        "bluesky",
    }
    statuses = set(AccountReport.objects.values_list("status", flat=True))
    assert statuses == {"investigating", "resolved_removed"}
    assert (
        dict(Constituency.objects.sites().values_list("gss_code", "region")).items()
        >= {
            "E14001132": "South West",
            "W07000089": "Wales",
            "S14000084": "Glasgow",
        }.items()
    )
    scotland = ComplianceSnapshot.objects.filter(nation="S")
    assert scotland.count() > 3
    assert {s.clps_with_administrator for s in scotland} == {0}
