"""A retention run: one schema failing leaves the others done and is reported; stored
files go with their rows; two runs never overlap; the nightly task and its record."""

import psycopg
from django.db import connection

from constituencies.contact.models import ContactMessage
from constituencies.models import Constituency
from constituencies.signups.models import EventSignup
from governance.models import AuditEvent
from labourhub.celery import app
from membersnet.members.models import MemberImport
from personal_data import retention
from personal_data.models import PersonalDataRequest, RetentionRun
from personal_data.retention import apply_retention
from personal_data.tasks import apply_retention_everywhere
from tests.helpers import database_server

from .retention_rows import (
    NOW,
    audit,
    data_request,
    member_import,
    message,
    signup_after_event,
    started,
)


def test_a_failing_schema_does_not_stop_the_others_and_is_reported(
    clp_a, clp_b, in_schema, monkeypatch
):
    for constituency in (clp_a, clp_b):
        with in_schema(constituency):
            message(ContactMessage.Status.DELIVERED)("old", started("messages", 1))
    audit("old", started("audit_log", 1))
    real = retention.apply_in_current_schema

    def failing_in_a(declarations, now):
        if connection.schema_name == clp_a.schema_name:
            raise RuntimeError("disk full")
        return real(declarations, now)

    monkeypatch.setattr(retention, "apply_in_current_schema", failing_in_a)
    run = apply_retention(now=NOW)

    assert run.failures == [{"schema": clp_a.schema_name, "error": "RuntimeError: disk full"}]
    assert not run.is_complete
    with in_schema(clp_a):
        assert ContactMessage.objects.count() == 1
    with in_schema(clp_b):
        assert ContactMessage.objects.count() == 0
    assert not AuditEvent.objects.filter(action="test.retention").exists()

    # Run again once the schema is mended: it carries on where it failed.
    monkeypatch.setattr(retention, "apply_in_current_schema", real)
    again = apply_retention(now=NOW)
    assert again.is_complete
    assert again.totals == {"messages": 1}
    assert [(e["schema"], e["kind"]) for e in again.purged] == [
        (clp_a.schema_name, "contact.contactmessage")
    ]


def test_a_schema_failing_part_way_keeps_everything_it_had_done_there(
    clp_a, in_schema, monkeypatch
):
    with in_schema(clp_a):
        message(ContactMessage.Status.DELIVERED)("old", started("messages", 1))
        signup_after_event("old", started("signups", 1))
    real = retention.apply_rule

    def failing_on_sign_ups(declaration, rule, now):
        if connection.schema_name == clp_a.schema_name and rule.period == "signups":
            raise RuntimeError("lock timeout")
        return real(declaration, rule, now)

    monkeypatch.setattr(retention, "apply_rule", failing_on_sign_ups)
    run = apply_retention(now=NOW)
    assert [f["schema"] for f in run.failures] == [clp_a.schema_name]
    with in_schema(clp_a):
        # The schema's transaction was rolled back whole: nothing half-done.
        assert ContactMessage.objects.count() + EventSignup.objects.count() == 2


def test_files_of_purged_rows_are_deleted_from_storage(db, django_capture_on_commit_callbacks):
    data_request("old export", started("data_request_files", 1), file=True)
    member_import("old import", started("member_import_files", 1), file=True)
    request = PersonalDataRequest.objects.get()
    upload = MemberImport.objects.get(file_name="old import")
    files = [(request.file.storage, request.file.name), (upload.file.storage, upload.file.name)]
    assert all(storage.exists(name) for storage, name in files)

    with django_capture_on_commit_callbacks(execute=True):
        apply_retention(now=NOW)

    assert not any(storage.exists(name) for storage, name in files)
    request.refresh_from_db()
    assert request.file.name == ""  # the request itself is kept


def test_a_run_while_another_holds_the_lock_does_nothing(clp_a, in_schema):
    with in_schema(clp_a):
        message(ContactMessage.Status.DELIVERED)("old", started("messages", 1))
    db = connection.settings_dict
    # The server the test database is really on (the embedded one names no port).
    host, port = database_server()
    with psycopg.connect(
        host=host,
        port=port,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=db["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_advisory_lock(%s)", [retention.RUN_LOCK])
        assert apply_retention(now=NOW) is None
        assert apply_retention_everywhere.delay().get() is None
    with in_schema(clp_a):
        assert ContactMessage.objects.count() == 1
    assert apply_retention(now=NOW).totals == {"messages": 1}


def test_the_nightly_task_records_its_run(clp_a, in_schema):
    with in_schema(clp_a):
        message(ContactMessage.Status.DELIVERED)("old", started("messages", 2))
    result = apply_retention_everywhere.delay().get()
    assert result == {"totals": {"messages": 1}, "failed": []}
    run = RetentionRun.objects.latest()
    assert run.finished_at
    assert run.schemas == len(_all_schemas())
    assert run.purged == [
        {
            "kind": "contact.contactmessage",
            "period": "messages",
            "action": "delete",
            "schema": clp_a.schema_name,
            "count": 1,
        }
    ]


def _all_schemas():
    return ["public", *Constituency.objects.sites().values_list("schema_name", flat=True)]


def test_beat_runs_retention_once_a_night_and_the_old_purges_are_gone():
    schedule = app.conf.beat_schedule
    entries = [name for name, entry in schedule.items() if "retention" in entry["task"]]
    assert entries == ["apply-personal-data-retention"]
    assert schedule["apply-personal-data-retention"]["task"] == (
        "personal_data.tasks.apply_retention_everywhere"
    )
    assert not [
        entry
        for entry in schedule.values()
        if "purge_expired" in entry["task"] or "purge_expired" in str(entry.get("args"))
    ]
