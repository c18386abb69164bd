"""The export runs as a Celery task: queued by the staff screen, run by a worker."""

import datetime as dt
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection
from django.utils import timezone

from governance.models import AuditEvent
from labourhub.celery import app, task_named
from personal_data import exporting
from personal_data.exporting import RUN_EXPORT
from personal_data.models import PersonalDataRequest
from personal_data.tasks import queue_waiting_exports, run_export
from tests.helpers import redis_url_or_skip


def test_the_task_the_export_names_exists():
    assert task_named(RUN_EXPORT).name == run_export.name == RUN_EXPORT


def test_an_export_already_done_is_not_run_again(db):
    request = PersonalDataRequest.objects.create(
        kind=PersonalDataRequest.Kind.EXPORT, email="ada@example.org", reason="Email"
    )
    assert run_export.delay(request.pk).get() == "done"
    assert run_export.delay(request.pk).get() == "nothing to do"
    assert AuditEvent.objects.filter(action="personal_data.exported").count() == 1


def test_the_sweep_queues_again_only_exports_left_waiting(db):
    def export(status=PersonalDataRequest.Status.QUEUED, kind=PersonalDataRequest.Kind.EXPORT):
        return PersonalDataRequest.objects.create(
            kind=kind, email="ada@example.org", reason="Email", status=status
        )

    waiting, recent = export(), export()
    running = export(status=PersonalDataRequest.Status.RUNNING)
    erasure = export(kind=PersonalDataRequest.Kind.ERASURE)
    long_ago = timezone.now() - dt.timedelta(minutes=exporting.REQUEUE_AFTER_MINUTES + 1)
    PersonalDataRequest.objects.exclude(pk=recent.pk).update(created_at=long_ago)

    assert queue_waiting_exports.delay().get() == 1
    statuses = dict(PersonalDataRequest.objects.values_list("pk", "status"))
    assert statuses == {
        waiting.pk: PersonalDataRequest.Status.DONE,
        recent.pk: PersonalDataRequest.Status.QUEUED,
        running.pk: PersonalDataRequest.Status.RUNNING,
        erasure.pk: PersonalDataRequest.Status.QUEUED,
    }


@pytest.mark.broker
def test_a_real_worker_runs_the_export_and_the_request_shows_it(committed):
    redis_url_or_skip()
    with committed():
        request = PersonalDataRequest.objects.create(
            kind=PersonalDataRequest.Kind.EXPORT, email="worker@example.org", reason="Email"
        )
        committed.defer(lambda: _forget(request.pk))
        app.conf.task_always_eager = False
        try:
            with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
                run_export.delay(request.pk)
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    # The worker's start closes the connections it finds: open ours again.
                    connection.close()
                    request.refresh_from_db()
                    if request.status == PersonalDataRequest.Status.DONE:
                        break
                    time.sleep(0.2)
        finally:
            app.conf.task_always_eager = True
        assert request.status == PersonalDataRequest.Status.DONE
        assert request.percent_done == 100
        assert request.task_id
        assert request.file


def _forget(pk):
    AuditEvent.objects.filter(record=f"personal_data.PersonalDataRequest:{pk}").delete()
    for request in PersonalDataRequest.objects.filter(pk=pk):
        request.file.delete(save=False)
        request.delete()
