"""Celery tasks carry their constituency: run in its schema, or refuse to run at all."""

import importlib
import os
import pkgutil
import subprocess
import sys

import pytest
from celery.contrib.testing.worker import start_worker

from constituencies.models import Constituency
from constituencies.tasks import rebuild_search_index, run_for_every_constituency
from labourhub.celery import ConstituencyTask, SentWithoutConstituency, app, task_named
from membersnet.members.importing import RUN_MEMBER_IMPORT
from membersnet.members.joining import SEND_INVITATION, SEND_WELCOME_EMAIL
from tests.helpers import redis_url_or_skip


def test_a_task_sent_for_a_constituency_runs_in_its_schema(clp_a, in_schema):
    with in_schema(clp_a):
        result = rebuild_search_index.delay().get()
    assert result == {"schema": clp_a.schema_name, "pages": 6}


def test_a_constituency_task_sent_without_one_refuses_to_run(db):
    with pytest.raises(SentWithoutConstituency, match="sent without one"):
        rebuild_search_index.delay()


def test_the_fan_out_sends_one_task_per_constituency_from_its_schema(clp_a, clp_b):
    sent = run_for_every_constituency.delay(rebuild_search_index.name).get()
    assert sent == Constituency.objects.sites().count() >= 2


@pytest.fixture
def real_worker(settings):
    """A real Celery worker (in a thread) consuming from the real Redis."""
    redis_url_or_skip()
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = True


@pytest.mark.broker
def test_a_real_worker_runs_a_task_in_the_schema_it_was_sent_from(
    clp_a, clp_b, in_schema, real_worker
):
    with in_schema(clp_a):
        result_a = rebuild_search_index.delay()
    with in_schema(clp_b):
        result_b = rebuild_search_index.delay()
    assert result_a.get(timeout=30)["schema"] == clp_a.schema_name
    assert result_b.get(timeout=30)["schema"] == clp_b.schema_name


@pytest.mark.broker
def test_a_real_worker_refuses_a_constituency_task_sent_without_one(db, real_worker):
    result = rebuild_search_index.delay()
    with pytest.raises(Exception, match="sent without one"):
        result.get(timeout=30)
    assert result.failed()


OUR_PACKAGES = (
    "accounts",
    "constituencies",
    "governance",
    "labourhub",
    "membersnet",
    "personal_data",
    "roles",
)


def _tasks_a_fresh_worker_knows() -> set[str]:
    """The task names a worker registers when it starts: this process has imported
    far more modules (through the tests) than a worker would."""
    script = (
        "import django; django.setup(); "
        "from labourhub.celery import app; app.loader.import_default_modules(); "
        "print('\\n'.join(app.tasks))"
    )
    run = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(run.stdout.split())


def test_a_worker_knows_every_task_the_platform_sends():
    for package_name in OUR_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if not any(part in module.name for part in (".migrations", ".management", ".settings")):
                importlib.import_module(module.name)
    ours = {name for name in app.tasks if name.startswith(OUR_PACKAGES)}
    assert ours - _tasks_a_fresh_worker_knows() == set()
    assert {name for name in ours if name.split(".")[-2] != "tasks"} == set()


def test_tasks_named_by_the_operations_that_queue_them_exist():
    app.loader.import_default_modules()
    for name in (
        SEND_INVITATION,
        SEND_WELCOME_EMAIL,
        RUN_MEMBER_IMPORT,
        "labourhub.tasks.ban_later",
        "accounts.tasks.clear_deleted_account_references",
    ):
        assert task_named(name).name == name
    with pytest.raises(KeyError):
        task_named("membersnet.members.tasks.no_such_task")


def test_a_web_process_finds_a_task_whose_module_it_never_imported():
    """Deleting a user in the hub's admin queues a task from a module no view imports."""
    script = (
        "import django; django.setup(); from labourhub.celery import app, task_named; "
        "name = 'accounts.tasks.clear_deleted_account_references'; "
        "print(name in app.tasks, task_named(name).name == name)"
    )
    run = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert run.stdout.split() == ["False", "True"]


def test_every_scheduled_job_names_real_tasks():
    app.loader.import_default_modules()  # as the worker does when it starts
    for name, entry in app.conf.beat_schedule.items():
        assert entry["task"] in app.tasks, name
        for task_name in entry.get("args", []):
            assert isinstance(app.tasks[task_name], ConstituencyTask), (name, task_name)


def test_the_labourhub_package_loads_before_a_settings_module_is_chosen():
    """`python -m labourhub.devserver` (make run) imports the package, and so the Celery
    app, before it picks its settings: nothing imported with them may read settings."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", "import labourhub.celery"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
