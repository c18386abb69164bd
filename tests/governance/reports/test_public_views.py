"""Reporting an account on the hub: the form, what sending a report does, and the emails it
queues."""

import pytest
from kombu.exceptions import OperationalError

from governance.models import AccountReport, AuditEvent, PartyUnit, ReportEvent
from outbox.models import OutgoingEmail
from outbox.tasks import deliver_email, relay_due
from roles.models import Role
from tests.factories import UserFactory, make_officer
from tests.helpers import client_for, email_of_length, run_outbox_sweep, text_of

from .shared import BROKEN_MAIL_SERVER, LOCMEM, REPORT, SENT, Status, detail_url, report_form


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


def test_the_units_designated_administrators_are_emailed_without_the_reporter_or_their_words(
    visitor, post, unit_a, clp_a, officer_a, smo_a, editor_a, staff_user, mailoutbox
):
    # What the reporter wrote goes to central staff first (the hub's report page), not
    # to the officers of the CLP the account may be run from.
    post(visitor, REPORT, report_form(unit_a))
    [email] = mailoutbox
    assert sorted(email.to) == sorted([officer_a.email, smo_a.email])
    assert email.cc == email.bcc == []
    assert "@TestfordNorthLabourReal" in email.subject
    assert "It says it is the official Labour party" not in email.body
    assert "goes to central staff first" in email.body
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


def test_the_error_summary_names_each_field_and_leads_to_it(visitor, post, unit_a):
    changes = {"account": "", "reason": "", "details": "", "reporter_email": "not-an-email"}
    response = post(visitor, REPORT, {**report_form(unit_a), **changes})
    page = response.content.decode()
    summary = page[
        page.index("There is a problem") : page.index("</ul>", page.index("There is a problem"))
    ]
    assert '<a href="#id_account">Handle or address: type the account&#x27;s handle' in summary
    assert (
        '<a href="#id_reason">What is wrong? Choose what is wrong with the account.</a>' in summary
    )
    assert '<a href="#id_details">Tell us more: tell us a little about the account' in summary
    assert (
        '<a href="#id_reporter_email">Your email address: enter a valid email address.</a>'
        in summary
    )
    assert '<fieldset id="id_reason"' in page  # where the reason's link leads
    assert "This field is required" not in page


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
