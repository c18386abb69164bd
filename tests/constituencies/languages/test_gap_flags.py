"""The nightly check flags a news item or key event live in one language for more than
48 hours without the other, emails the site's designated administrators once per flag
(through the outbox, so a failed send is retried), resolves the flag when the other
language goes live, and changes nothing when run again."""

import datetime as dt
import io
import smtplib

import pytest
import time_machine
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tenants.utils import schema_context

from constituencies.languages.models import LanguageGapFlag
from constituencies.languages.parity_check import check_parity
from constituencies.languages.tasks import check_language_parity
from constituencies.models import LanguageParity
from constituencies.tasks import run_for_every_constituency
from labourhub.celery import BEAT_SCHEDULE, SentWithoutConstituency
from outbox.models import OutgoingEmail
from roles.models import Role
from tests.factories import add_event, make_officer
from tests.helpers import run_outbox_sweep

from .conftest import in_welsh, published_key_event, published_news

TASK = "constituencies.languages.tasks.check_language_parity"


def hours_later(hours):
    return time_machine.travel(timezone.now() + dt.timedelta(hours=hours), tick=False)


def summary_of(constituency):
    with schema_context("public"):
        return LanguageParity.objects.get(constituency=constituency)


def open_flags():
    return list(LanguageGapFlag.objects.filter(resolved_at__isnull=True))


def test_a_news_item_is_not_flagged_at_47_hours_and_is_at_49(
    welsh_site, officer_b, mailoutbox, django_capture_on_commit_callbacks
):
    news = published_news("Surgery in Splott")
    with hours_later(47), django_capture_on_commit_callbacks(execute=True):
        assert check_parity(welsh_site).raised == 0
    assert open_flags() == []
    assert mailoutbox == []
    with hours_later(49), django_capture_on_commit_callbacks(execute=True):
        result = check_parity(welsh_site)
    assert (result.raised, result.emailed) == (1, 1)
    (flag,) = open_flags()
    assert (flag.page_id, flag.missing_language) == (news.pk, "cy")
    assert flag.live_since == news.first_published_at
    (message,) = mailoutbox
    assert message.to == ["secretary.b@example.org"]
    assert message.subject == "Not yet in Welsh: Surgery in Splott"
    assert f"/admin/localize/submit/page/{news.pk}/" in message.body
    assert message.body.count(welsh_site.primary_domain) >= 1


def test_a_key_event_is_flagged_and_an_ordinary_page_is_not(welsh_site, officer_b):
    event = published_key_event("Rally for the NHS")
    add_event("Not key").save_revision().publish()
    with hours_later(49):
        check_parity(welsh_site)
    assert [flag.page_id for flag in open_flags()] == [event.pk]


def test_a_welsh_page_with_no_live_english_is_flagged_for_english(welsh_site, officer_b):
    news = published_news("Surgery in Splott")
    welsh = in_welsh(news, "Cymhorthfa yn Sblot")
    news.unpublish()
    with hours_later(49):
        check_parity(welsh_site)
    (flag,) = open_flags()
    assert (flag.page_id, flag.missing_language) == (welsh.pk, "en-gb")


def test_an_out_of_date_welsh_version_is_not_flagged(welsh_site, officer_b):
    news = published_news("Surgery")
    in_welsh(news)
    with hours_later(50):
        news.save_revision().publish()
    with hours_later(100):
        check_parity(welsh_site)
    assert open_flags() == []


def test_running_again_raises_and_emails_nothing_more(
    welsh_site, officer_b, mailoutbox, django_capture_on_commit_callbacks
):
    published_news("Surgery in Splott")
    with hours_later(49), django_capture_on_commit_callbacks(execute=True):
        check_parity(welsh_site)
    with hours_later(73), django_capture_on_commit_callbacks(execute=True):
        again = check_parity(welsh_site)
    assert (again.raised, again.resolved, again.emailed) == (0, 0, 0)
    assert len(open_flags()) == 1
    assert len(mailoutbox) == 1


def test_the_flag_is_resolved_once_the_welsh_is_live_and_counts_in_the_summary(
    welsh_site, officer_b
):
    news = published_news("Surgery in Splott")
    with hours_later(49):
        check_parity(welsh_site)
    assert summary_of(welsh_site).flagged == 1
    in_welsh(news)
    with hours_later(50):
        result = check_parity(welsh_site)
    assert result.resolved == 1
    assert open_flags() == []
    flag = LanguageGapFlag.objects.get()
    assert flag.resolved_at is not None
    summary = summary_of(welsh_site)
    assert (summary.flagged, summary.missing_welsh) == (0, 0)


def test_a_gap_that_opens_again_is_flagged_afresh(welsh_site, officer_b, mailoutbox):
    news = published_news("Surgery")
    with hours_later(49):
        check_parity(welsh_site)
    welsh = in_welsh(news)
    with hours_later(50):
        check_parity(welsh_site)
    welsh.unpublish()
    with hours_later(51):
        check_parity(welsh_site)
    assert LanguageGapFlag.objects.count() == 2
    assert len(open_flags()) == 1


def test_each_new_flag_is_one_email_to_all_designated_administrators(
    welsh_site, officer_b, mailoutbox, django_capture_on_commit_callbacks
):
    make_officer(welsh_site, Role.SOCIAL_MEDIA_OFFICER, email="smo.b@example.org")
    make_officer(welsh_site, Role.EDITOR, email="editor.b@example.org")
    published_news("One")
    published_key_event("Two")
    with hours_later(49), django_capture_on_commit_callbacks(execute=True):
        check_parity(welsh_site)
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert message.to == ["secretary.b@example.org", "smo.b@example.org"]


class RefusingMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"secretary.b@example.org": (451, b"try later")})


def test_a_failed_email_is_retried_by_the_outbox(
    welsh_site, officer_b, settings, mailoutbox, django_capture_on_commit_callbacks
):
    published_news("Surgery in Splott")
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    with hours_later(49), django_capture_on_commit_callbacks(execute=True):
        check_parity(welsh_site)
    email = OutgoingEmail.objects.get(about="languages.gap_flag")
    assert email.state == OutgoingEmail.State.QUEUED
    assert email.attempts == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with hours_later(49):
        assert run_outbox_sweep(minutes_later=2) == 1
    email.refresh_from_db()
    assert email.state == OutgoingEmail.State.SENT
    assert [message.subject for message in mailoutbox] == ["Not yet in Welsh: Surgery in Splott"]


def test_a_site_that_stops_offering_welsh_has_its_flags_resolved_and_summary_dropped(
    clp_b, in_schema, officer_b
):
    with in_schema(clp_b):
        published_news("Surgery")
        with hours_later(49):
            check_parity(clp_b)
        clp_b.offers_welsh = False
        check_parity(clp_b)
        assert open_flags() == []
    assert not LanguageParity.objects.filter(constituency=clp_b).exists()


def test_the_task_runs_for_every_site_from_its_own_schema(clp_a, clp_b, in_schema, officer_b):
    with in_schema(clp_a):
        published_news("English only")
    with in_schema(clp_b):
        published_news("Surgery")
    with hours_later(49):
        run_for_every_constituency(TASK)
    with in_schema(clp_a):
        assert open_flags() == []
    with in_schema(clp_b):
        assert len(open_flags()) == 1
    assert list(LanguageParity.objects.values_list("constituency", flat=True)) == [clp_b.pk]


def test_the_task_refuses_to_run_on_the_hub(db):
    with pytest.raises(SentWithoutConstituency):
        check_language_parity()


def test_beat_sends_the_check_to_every_site_each_night():
    entry = BEAT_SCHEDULE["language-parity-check"]
    assert entry["args"] == [TASK]
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {45})


def test_the_command_runs_the_check_in_process(clp_a, clp_b, in_schema, officer_b):
    with in_schema(clp_b):
        published_news("Surgery")
    out = io.StringIO()
    with hours_later(49):
        call_command("check_language_parity", stdout=out)
    assert out.getvalue() == "Testford South: 1 flag(s) raised, 0 resolved, 1 email(s) queued.\n"
    with in_schema(clp_b):
        assert len(open_flags()) == 1
    out = io.StringIO()
    with hours_later(50):
        call_command("check_language_parity", "testford-south", stdout=out)
    assert out.getvalue() == "Testford South: 0 flag(s) raised, 0 resolved, 0 email(s) queued.\n"


def test_the_command_refuses_an_unknown_slug(db):
    with pytest.raises(CommandError, match="no-such-place"):
        call_command("check_language_parity", "no-such-place")
