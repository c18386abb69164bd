"""Anyone can report an account that claims to represent a unit. The unit's designated
administrators are told (never who reported it); central staff work the report to a
close, and only they can change its state; each CLP sees only reports about itself."""

import smtplib

import pytest
from django.core.exceptions import PermissionDenied
from django.core.mail.backends.base import BaseEmailBackend
from kombu.exceptions import OperationalError

from governance.models import AccountReport, AuditEvent, PartyUnit, ReportEvent
from governance.reports.workflow import change_report_status, submit_report
from outbox.models import OutgoingEmail
from outbox.tasks import deliver_email, relay_due
from roles.models import Role
from tests.factories import UserFactory, make_officer
from tests.helpers import client_for, email_of_length, run_outbox_sweep, text_of

REPORT = "/official/report/"
SENT = "/official/report/sent/"
QUEUE = "/admin/online-presence/reports/"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"

Status = AccountReport.Status


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 mail server unavailable")


BROKEN_MAIL_SERVER = f"{__name__}.BrokenMailServer"


def detail_url(report):
    return f"/admin/online-presence/reports/{report.pk}/"


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST, running what is queued on commit (the emails) as a real request would."""

    def _post(client, path, data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data, **extra)

    return _post


def report_form(unit=None, **changes):
    data = {
        "unit": unit.pk if unit else "",
        "account": "@TestfordNorthLabourReal",
        "reason": "not_on_register",
        "details": "It says it is the official Labour party of Testford North.",
        "reporter_name": "Rita Reporter",
        "reporter_email": "rita@example.org",
        "website": "",
    }
    data.update(changes)
    return data


def make_report(unit=None, account="@FakeTestford"):
    return submit_report(
        unit=unit,
        account=account,
        reason=AccountReport.Reason.NOT_ON_REGISTER,
        details="Claims to be the CLP.",
        reporter_name="Rita Reporter",
        reporter_email="rita@example.org",
    )


@pytest.fixture
def report_a(unit_a):
    return make_report(unit_a, "@FakeTestfordNorth")


@pytest.fixture
def report_b(unit_b):
    return make_report(unit_b, "@FakeTestfordSouth")


# The form


def test_anyone_can_open_the_report_form_without_signing_in(visitor, unit_a):
    response = visitor.get(REPORT)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Testford North" in page
    assert 'name="reason"' in page
    assert "Your privacy" in page
    assert "never who sent it" in text_of(response)
    assert 'class="honeypot"' in page


def test_the_unit_list_is_grouped_and_can_be_left_empty(visitor, clp_a, clp_b, unit_a):
    PartyUnit.objects.create(kind="branch", name="Northgate", constituency=clp_a)
    forum = PartyUnit.objects.create(kind="lcf", name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    page = visitor.get(REPORT).content.decode()
    assert '<optgroup label="Constituency Labour Parties">' in page
    assert "Northgate (Testford North CLP)" in page
    assert '<optgroup label="Local Campaign Forums">' in page
    assert "I don&#x27;t know, or none of these" in page


def test_an_archived_constituency_is_not_offered(visitor, clp_b, unit_b):
    clp_b.archive()
    assert "Testford South" not in visitor.get(REPORT).content.decode()


def test_the_form_can_be_opened_with_the_account_and_unit_filled_in(visitor, unit_a):
    page = visitor.get(REPORT, {"account": "@Fake", "unit": unit_a.pk}).content.decode()
    assert 'value="@Fake"' in page
    assert f'<option value="{unit_a.pk}" selected>' in page
    assert visitor.get(REPORT, {"unit": "nonsense", "account": "x" * 500}).status_code == 200


# Sending a report


def test_a_report_is_stored_with_its_first_history_event_and_audited(visitor, post, unit_a, clp_a):
    response = post(visitor, REPORT, report_form(unit_a))
    assert response.status_code == 302
    assert response["Location"] == SENT
    assert "your report is sent" in text_of(visitor.get(SENT))
    report = AccountReport.objects.get()
    assert (report.unit, report.account, report.reason) == (
        unit_a,
        "@TestfordNorthLabourReal",
        "not_on_register",
    )
    assert (report.reporter_name, report.reporter_email) == ("Rita Reporter", "rita@example.org")
    assert report.status == Status.NEW
    [event] = report.history.all()
    assert (event.from_status, event.to_status, event.actor) == ("", Status.NEW, None)
    [audit] = AuditEvent.objects.filter(action="report.created")
    assert audit.unit == unit_a
    assert audit.constituency == clp_a
    assert audit.details["report"] == report.pk
    assert "rita" not in audit.summary.lower()


def test_the_units_designated_administrators_are_emailed_without_the_reporters_details(
    visitor, post, unit_a, clp_a, officer_a, smo_a, editor_a, staff_user, mailoutbox
):
    post(visitor, REPORT, report_form(unit_a))
    [email] = mailoutbox
    assert sorted(email.to) == sorted([officer_a.email, smo_a.email])
    assert email.cc == email.bcc == []
    assert "@TestfordNorthLabourReal" in email.subject
    assert "It says it is the official Labour party of Testford North." in email.body
    assert "rita" not in email.body.lower()
    assert "Rita Reporter" not in email.body
    report = AccountReport.objects.get()
    assert f"http://{clp_a.primary_domain}{detail_url(report)}" in email.body


def test_a_report_sent_while_the_broker_is_down_is_emailed_by_the_sweep_once(
    visitor, post, unit_a, officer_a, mailoutbox, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    with monkeypatch.context() as patched:
        patched.setattr(deliver_email, "apply_async", broker_down)
        response = post(visitor, REPORT, report_form(unit_a))
    assert response.status_code == 302  # the reporter is thanked all the same
    report = AccountReport.objects.get()
    assert report.emails_queued_at is not None  # in the outbox, with the report
    assert mailoutbox == []

    assert relay_due() == 0  # its own request may yet
    assert run_outbox_sweep(minutes_later=5) == 1
    assert run_outbox_sweep(minutes_later=5) == 0
    [email] = mailoutbox
    assert email.to == [officer_a.email]


def test_a_report_naming_no_unit_is_told_only_to_every_active_member_of_staff(
    visitor, post, officer_a, staff_user, mailoutbox
):
    second = UserFactory(email="staff2@example.org", is_central_staff=True)
    UserFactory(email="gone@example.org", is_central_staff=True, is_active=False)
    post(visitor, REPORT, report_form())
    [email] = mailoutbox
    assert sorted(email.to) == sorted([staff_user.email, second.email])
    assert officer_a.email not in email.to
    report = AccountReport.objects.get()
    assert f"http://localhost{detail_url(report)}" in email.body
    assert "rita@example.org" not in email.body
    assert report.unit is None


def test_a_unit_with_no_designated_administrator_is_reported_to_staff_instead(
    visitor, post, unit_b, clp_b, staff_user, mailoutbox
):
    make_officer(clp_b, Role.EDITOR, email="editor.b@example.org")
    post(visitor, REPORT, report_form(unit_b))
    [email] = mailoutbox
    assert email.to == [staff_user.email]
    assert "no Secretary or Social Media Officer" in email.body


def test_a_forums_report_reaches_each_of_its_clps_administrators(
    visitor, post, clp_a, clp_b, officer_a, officer_b, mailoutbox
):
    forum = PartyUnit.objects.create(kind="lcf", name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    post(visitor, REPORT, report_form(forum))
    assert sorted(tuple(email.to) for email in mailoutbox) == sorted(
        [(officer_a.email,), (officer_b.email,)]
    )
    links = {email.to[0]: email.body for email in mailoutbox}
    assert clp_a.primary_domain in links[officer_a.email]
    assert clp_b.primary_domain in links[officer_b.email]


def test_a_report_is_kept_and_the_email_retried_when_the_mail_server_is_down(
    visitor, post, unit_a, officer_a, mailoutbox, settings
):
    settings.EMAIL_BACKEND = BROKEN_MAIL_SERVER
    response = post(visitor, REPORT, report_form(unit_a))
    assert response.status_code == 302
    assert AccountReport.objects.exists()
    assert mailoutbox == []
    [waiting] = OutgoingEmail.objects.filter(about="governance.report")
    assert waiting.state == OutgoingEmail.State.QUEUED
    assert waiting.attempts == 1

    settings.EMAIL_BACKEND = LOCMEM
    assert run_outbox_sweep(minutes_later=5) == 1
    [email] = mailoutbox
    assert email.to == [officer_a.email]
    waiting.refresh_from_db()
    assert waiting.state == OutgoingEmail.State.SENT


def test_a_bot_that_fills_in_the_hidden_field_is_thanked_but_nothing_is_stored(
    visitor, post, unit_a, officer_a, mailoutbox
):
    response = post(visitor, REPORT, report_form(unit_a, website="https://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == SENT
    assert not AccountReport.objects.exists()
    assert not AuditEvent.objects.filter(action="report.created").exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("changes", "field", "explanation"),
    [
        ({"account": ""}, "account", "Type the account's handle or address"),
        ({"account": "x" * 301}, "account", "300 characters at most"),
        ({"account": "http://[oops"}, "account", "That isn't a handle or an address we can read."),
        ({"reason": ""}, "reason", "Choose what is wrong with the account."),
        ({"reason": "grudge"}, "reason", "Select a valid choice."),
        ({"details": ""}, "details", "Tell us a little about the account"),
        ({"details": "x" * 3001}, "details", "Keep it to 3,000 characters."),
        ({"reporter_email": "not-an-email"}, "reporter_email", "Enter a valid email address."),
        ({"reporter_name": "n" * 121}, "reporter_name", "at most 120 characters"),
        ({"unit": "999999"}, "unit", "Choose a local party from the list, or leave it."),
        ({"unit": "abc"}, "unit", "Choose a local party from the list, or leave it."),
        ({"details": "bad\x00byte"}, "details", "Null characters are not allowed."),
        # A form field allows 320 characters, the address's column holds 254.
        (
            {"reporter_email": email_of_length(255)},
            "reporter_email",
            "An email address can be at most 254 characters long.",
        ),
        # Lower-cased, "İ" is two characters: the comparable key outgrows its column.
        ({"account": "İ" * 300}, "account", "That is too long to be a handle or address."),
    ],
)
def test_bad_input_is_explained_kept_and_nothing_is_saved(
    visitor, post, unit_a, officer_a, mailoutbox, changes, field, explanation
):
    response = post(visitor, REPORT, {**report_form(unit_a), **changes})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert explanation in text_of(response)
    assert f'href="#id_{field}"' in page
    if field != "reporter_name":
        assert 'value="Rita Reporter"' in page
    assert not AccountReport.objects.exists()
    assert not ReportEvent.objects.exists()
    assert not AuditEvent.objects.filter(action="report.created").exists()
    assert mailoutbox == []


def test_a_report_needs_no_name_or_email(visitor, post, staff_user):
    post(visitor, REPORT, report_form(reporter_name="", reporter_email=""))
    report = AccountReport.objects.get()
    assert (report.reporter_name, report.reporter_email) == ("", "")


def test_too_many_reports_from_one_address_are_refused_keeping_what_was_typed(
    visitor, post, unit_a, settings
):
    settings.ACCOUNT_REPORT_RATE_LIMIT = "2/h"
    assert post(visitor, REPORT, report_form(unit_a)).status_code == 302
    assert post(visitor, REPORT, report_form(unit_a)).status_code == 302
    response = post(visitor, REPORT, report_form(unit_a, details="A third one."))
    page = response.content.decode()
    assert response.status_code == 429
    assert "Too many attempts" in page
    assert "A third one.</textarea>" in page
    assert 'value="@TestfordNorthLabourReal"' in page
    assert AccountReport.objects.count() == 2
    other = post(visitor, REPORT, report_form(unit_a), REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 302
    assert AccountReport.objects.count() == 3


def test_html_in_a_report_is_shown_escaped(visitor, post, unit_a, staff_user):
    post(visitor, REPORT, report_form(unit_a, details="<script>alert(1)</script>"))
    report = AccountReport.objects.get()
    page = client_for("localhost", staff_user).get(detail_url(report)).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page


# Central staff work the queue


def test_staff_see_every_report_and_filter_by_state_and_unit(
    staff_user, unit_a, unit_b, report_a, report_b
):
    staff = client_for("localhost", staff_user)
    page = text_of(staff.get(QUEUE))
    assert "@FakeTestfordNorth" in page
    assert "@FakeTestfordSouth" in page

    page = text_of(staff.get(QUEUE, {"unit": unit_b.pk}))
    assert "@FakeTestfordSouth" in page
    assert "@FakeTestfordNorth" not in page

    change_report_status(report_b, Status.INVESTIGATING, actor=staff_user)
    page = text_of(staff.get(QUEUE, {"status": "new"}))
    assert "@FakeTestfordNorth" in page
    assert "@FakeTestfordSouth" not in page
    page = text_of(staff.get(QUEUE, {"status": "open"}))
    assert "@FakeTestfordNorth" in page
    assert "@FakeTestfordSouth" in page
    assert staff.get(QUEUE, {"status": "bogus", "unit": "x"}).status_code == 200


def test_staff_see_the_reporter_and_the_full_history(staff_user, report_a):
    change_report_status(report_a, Status.INVESTIGATING, actor=staff_user, note="Asked the CLP.")
    page = text_of(client_for("localhost", staff_user).get(detail_url(report_a)))
    assert "Rita Reporter, rita@example.org" in page
    assert "Claims to be the CLP." in page
    assert "received (New)" in page
    assert f"New → Investigating by {staff_user}" in page
    assert "Asked the CLP." in page


def test_staff_move_a_report_through_its_states_with_notes_each_recorded(
    staff_user, report_a, unit_a, clp_a
):
    staff = client_for("localhost", staff_user)
    response = staff.post(
        detail_url(report_a),
        {"to_status": "investigating", "note": "Looking into it.", "seen_status": "new"},
        follow=True,
    )
    assert "is now “Investigating”" in text_of(response)
    staff.post(
        detail_url(report_a),
        {"to_status": "referred", "note": "A member runs it.", "seen_status": "investigating"},
    )
    report_a.refresh_from_db()
    assert report_a.status == Status.REFERRED
    history = list(report_a.history.values_list("from_status", "to_status", "note", "actor"))
    assert history == [
        ("", "new", "", None),
        ("new", "investigating", "Looking into it.", staff_user.pk),
        ("investigating", "referred", "A member runs it.", staff_user.pk),
    ]
    changes = AuditEvent.objects.filter(action="report.status_changed").order_by("at", "pk")
    assert [(e.details["from_status"], e.details["to_status"]) for e in changes] == [
        ("new", "investigating"),
        ("investigating", "referred"),
    ]
    assert all(e.actor == staff_user and e.unit == unit_a for e in changes)
    assert all(e.constituency == clp_a for e in changes)


@pytest.mark.parametrize(
    "resolution", [Status.RESOLVED_OFFICIAL, Status.RESOLVED_REMOVED, Status.REFERRED]
)
def test_an_investigation_ends_in_one_of_three_resolutions(staff_user, report_a, resolution):
    change_report_status(report_a, Status.INVESTIGATING, actor=staff_user)
    report = change_report_status(report_a, resolution, actor=staff_user, note="Done.")
    assert report.status == resolution
    assert not report.is_open


def test_a_closed_report_can_only_be_reopened(staff_user, report_a):
    staff = client_for("localhost", staff_user)
    change_report_status(report_a, Status.RESOLVED_OFFICIAL, actor=staff_user)
    page = staff.get(detail_url(report_a)).content.decode()
    assert 'value="investigating"' in page
    assert 'value="resolved_removed"' not in page
    response = staff.post(
        detail_url(report_a), {"to_status": "resolved_removed", "seen_status": "resolved_official"}
    )
    assert response.status_code == 400
    assert "Choose one of the states listed." in text_of(response)
    report_a.refresh_from_db()
    assert report_a.status == Status.RESOLVED_OFFICIAL
    assert report_a.history.count() == 2


def test_a_referral_needs_a_note(staff_user, report_a):
    response = client_for("localhost", staff_user).post(
        detail_url(report_a), {"to_status": "referred", "note": "  ", "seen_status": "new"}
    )
    assert response.status_code == 400
    assert "Say why it is referred" in text_of(response)
    report_a.refresh_from_db()
    assert report_a.status == Status.NEW
    assert not AuditEvent.objects.filter(action="report.status_changed").exists()


def test_a_change_made_by_someone_else_meanwhile_is_not_overwritten(staff_user, report_a):
    other = UserFactory(email="staff2@example.org", is_central_staff=True, mfa=True)
    change_report_status(report_a, Status.INVESTIGATING, actor=other)
    response = client_for("localhost", staff_user).post(
        detail_url(report_a),
        {"to_status": "resolved_official", "note": "", "seen_status": "new"},
    )
    assert response.status_code == 400
    assert "Someone else changed this report" in text_of(response)
    report_a.refresh_from_db()
    assert report_a.status == Status.INVESTIGATING


def test_a_note_that_is_too_long_is_refused(staff_user, report_a):
    response = client_for("localhost", staff_user).post(
        detail_url(report_a),
        {"to_status": "investigating", "note": "n" * 2001, "seen_status": "new"},
    )
    assert response.status_code == 400
    report_a.refresh_from_db()
    assert report_a.status == Status.NEW


# Only central staff change a report's state


@pytest.mark.parametrize(
    ("who", "host", "expected"),
    [
        ("anonymous", "hub", 302),
        ("member_user", "hub", 403),
        ("officer_a", "hub", 403),
        ("editor_a", "hub", 403),
        ("officer_a", "clp_a", 403),
        ("smo_a", "clp_a", 403),
        ("editor_a", "clp_a", 403),
        ("officer_b", "clp_a", 403),
        ("member_user", "clp_a", 403),
        # In B's own admin, changing state is refused before any report is looked up.
        ("officer_b", "clp_b", 403),
    ],
)
def test_nobody_but_central_staff_can_change_a_reports_state(
    request, report_a, who, host, expected
):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    site = "localhost" if host == "hub" else request.getfixturevalue(host)
    response = client_for(site, user).post(
        detail_url(report_a), {"to_status": "resolved_official", "note": "", "seen_status": "new"}
    )
    assert response.status_code == expected
    report_a.refresh_from_db()
    assert report_a.status == Status.NEW
    assert report_a.history.count() == 1
    assert not AuditEvent.objects.filter(action="report.status_changed").exists()


def test_the_operation_itself_refuses_anyone_but_central_staff(report_a, officer_a):
    with pytest.raises(PermissionDenied):
        change_report_status(report_a, Status.RESOLVED_OFFICIAL, actor=officer_a)
    with pytest.raises(PermissionDenied):
        change_report_status(report_a, Status.RESOLVED_OFFICIAL, actor=None)
    report_a.refresh_from_db()
    assert report_a.status == Status.NEW


# Each CLP sees only the reports about itself


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("member_user", 403),
        ("officer_a", 200),
        ("smo_a", 200),
        ("editor_a", 403),
        ("officer_b", 403),
        ("staff_user", 200),
    ],
)
def test_who_may_read_a_clps_reports(request, clp_a, report_a, who, expected):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(clp_a, user)
    for path in (QUEUE, detail_url(report_a)):
        response = client.get(path)
        assert response.status_code == expected
        if expected == 200:
            assert "@FakeTestfordNorth" in text_of(response)


def test_a_clp_sees_only_reports_about_the_units_it_looks_after(
    clp_a, clp_b, officer_a, unit_a, report_a, report_b
):
    forum = PartyUnit.objects.create(kind="lcf", name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    make_report(forum, "@FakeForum")
    make_report(None, "@FakeNobody")
    page = text_of(client_for(clp_a, officer_a).get(QUEUE))
    assert "@FakeTestfordNorth" in page
    assert "@FakeForum" in page
    assert "@FakeTestfordSouth" not in page
    assert "@FakeNobody" not in page


def test_another_clps_report_is_not_found_even_by_guessing_its_id(clp_b, officer_b, report_a):
    assert client_for(clp_b, officer_b).get(detail_url(report_a)).status_code == 404


def test_a_clp_sees_the_status_and_history_but_never_who_reported(
    clp_a, officer_a, staff_user, report_a
):
    change_report_status(report_a, Status.INVESTIGATING, actor=staff_user, note="Asked the CLP.")
    response = client_for(clp_a, officer_a).get(detail_url(report_a))
    page = text_of(response)
    assert "Investigating" in page
    assert "Asked the CLP." in page
    assert "by central staff" in page
    assert "rita@example.org" not in response.content.decode()
    assert "Rita Reporter" not in page
    assert "Change the state" not in page


def test_the_clps_list_of_reports_never_shows_the_reporters_email(clp_a, officer_a, report_a):
    response = client_for(clp_a, officer_a).get(QUEUE)
    assert "rita@example.org" not in response.content.decode()
