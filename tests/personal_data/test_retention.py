"""Retention purges exactly what is past its period, for every kind with a rule, in the
hub and in each constituency's schema: a row one day past its period goes (or is
anonymised), a row one day short of it stays; the periods are read from settings at
each run."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django_tenants.utils import schema_context

from constituencies.contact.models import ContactMessage
from constituencies.signups.models import EventShift, EventSignup
from governance.models import AccountReport
from labourhub.settings.environment import env_ints
from personal_data.retention import apply_retention
from privacy.registry import declarations

from .retention_rows import (
    CASES,
    DAY,
    HUB,
    NOW,
    OLD,
    RECENT,
    closed_report,
    event_ending,
    message,
    signup_to,
    started,
)


def _case_id(case):
    return f"{case.period}-{case.where}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_retention_takes_what_is_past_its_period_and_nothing_else(case, clp_a, clp_b, in_schema):
    places = (
        [connection.schema_name] if case.where == HUB else [clp_a.schema_name, clp_b.schema_name]
    )
    for schema in places:
        with schema_context(schema):
            case.make(OLD, started(case.period, 1))
            case.make(RECENT, started(case.period, -1))

    run = apply_retention(now=NOW)

    for schema in places:
        with schema_context(schema):
            # Only this test's rows: a reused test database may hold others' committed rows.
            assert case.left() & {OLD, RECENT} == {RECENT}, schema
    assert run.totals.get(case.period) == len(places)
    assert {entry["schema"] for entry in run.purged if entry["period"] == case.period} == set(
        places
    )
    assert run.failures == []


def test_sign_ups_are_kept_until_the_events_last_shift_has_ended_for_the_period(clp_a, in_schema):
    with in_schema(clp_a):
        event = event_ending("Canvassing weekend", started("signups", 10))
        EventShift.objects.create(
            event=event,
            starts_at=started("signups", -1) - dt.timedelta(hours=2),
            ends_at=started("signups", -1),
        )
        signup_to(event, "On a late shift")
        apply_retention(now=NOW)
        assert set(EventSignup.objects.values_list("name", flat=True)) == {"On a late shift"}
        apply_retention(now=NOW + 2 * DAY)
        assert not EventSignup.objects.exists()


def test_an_anonymised_report_keeps_its_row_without_the_reporter(db):
    closed_report("Rita Reporter", started("account_reporters", 1))
    run = apply_retention(now=NOW)
    [report] = AccountReport.objects.filter(account="@Rita_Reporter")
    assert (report.reporter_name, report.reporter_email) == ("", "")
    assert report.details == "It claims to be us."
    assert report.history.count() == 1
    assert run.totals == {"account_reporters": 1}
    # Anonymised once: the next run finds nothing more to do.
    assert apply_retention(now=NOW).totals == {}


def test_an_open_report_keeps_its_reporter_however_old(db):
    closed_report("Rita Reporter", started("account_reporters", 100))
    AccountReport.objects.update(status=AccountReport.Status.INVESTIGATING)
    apply_retention(now=NOW)
    assert AccountReport.objects.get().reporter_name == "Rita Reporter"


def test_a_changed_period_applies_to_the_rows_already_held(clp_a, in_schema, settings):
    with in_schema(clp_a):
        message(ContactMessage.Status.DELIVERED)("100 days old", NOW - 100 * DAY)
    apply_retention(now=NOW)
    with in_schema(clp_a):
        assert ContactMessage.objects.count() == 1

    settings.PERSONAL_DATA_RETENTION = {**settings.PERSONAL_DATA_RETENTION, "messages": 90}
    run = apply_retention(now=NOW)
    with in_schema(clp_a):
        assert ContactMessage.objects.count() == 0
    assert run.totals == {"messages": 1}


def test_every_period_a_rule_names_is_in_settings_and_every_setting_is_used(settings):
    named = [rule.period for d in declarations() for rule in d.retention]
    assert len(named) == len(set(named))  # one rule per period
    assert set(named) == set(settings.PERSONAL_DATA_RETENTION)
    assert all(
        isinstance(days, int) and days > 0 for days in settings.PERSONAL_DATA_RETENTION.values()
    )


def test_each_period_can_be_set_from_the_environment(monkeypatch):
    monkeypatch.setenv("PERSONAL_DATA_RETENTION_AUDIT_LOG_DAYS", "3000")
    periods = env_ints("PERSONAL_DATA_RETENTION_{}_DAYS", {"audit_log": 2192, "emails": 30})
    assert periods == {"audit_log": 3000, "emails": 30}
    monkeypatch.setenv("PERSONAL_DATA_RETENTION_EMAILS_DAYS", "a month")
    with pytest.raises(ImproperlyConfigured, match="PERSONAL_DATA_RETENTION_EMAILS_DAYS"):
        env_ints("PERSONAL_DATA_RETENTION_{}_DAYS", {"emails": 30})
