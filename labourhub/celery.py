"""The Celery app. Tasks carry the schema they were sent from (tenant-schemas-celery
adds it to the message headers and switches to it in the worker)."""

import functools
import logging
import os
import time

from celery.schedules import crontab
from django.db import connection, transaction
from tenant_schemas_celery.app import CeleryApp
from tenant_schemas_celery.task import TenantTask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labourhub.settings.dev")


class SentWithoutConstituency(RuntimeError):
    """A constituency task reached a worker without a constituency schema."""


class ConstituencyTask(TenantTask):
    """Base for tasks that act on one constituency's site.

    Such a task must be sent while that constituency's schema is active. Sent from
    the public schema (or with no schema header at all) it would silently read and
    write the hub's tables, so it refuses to run instead.
    """

    abstract = True

    def __call__(self, *args, **kwargs):
        # django_tenants.utils reads settings on import, and this module loads with the
        # labourhub package, before any settings module is chosen.
        from django_tenants.utils import get_public_schema_name

        if connection.schema_name == get_public_schema_name():
            raise SentWithoutConstituency(
                f"{self.name} acts on one constituency but was sent without one."
            )
        return super().__call__(*args, **kwargs)


logger = logging.getLogger(__name__)

#: The one retry policy of tasks that send an email straight away rather than through
#: the outbox: an unreachable or refusing mail server (smtplib's errors are OSErrors) is
#: tried again after about 1, 2, 4 ... minutes, at most 30 apart, 8 times.
EMAIL_RETRY = {
    "autoretry_for": (OSError,),
    "retry_backoff": 60,
    "retry_backoff_max": 30 * 60,
    "max_retries": 8,
}


class BrokerBreaker:
    """Remembers, per process, that the broker just refused a message, so the requests
    that follow in the next few seconds do not each wait on it again: their work is
    stored, and the sweeps send it once the broker is back."""

    def __init__(self, pause_seconds: float):
        self.pause_seconds = pause_seconds
        self.paused_until = 0.0

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self.paused_until

    def trip(self) -> None:
        self.paused_until = time.monotonic() + self.pause_seconds

    def reset(self) -> None:
        self.paused_until = 0.0


broker_breaker = BrokerBreaker(pause_seconds=10)


def task_named(task):
    """`task` itself, or the task registered under that name.

    An operation that queues a task defined in a `tasks.py` which imports that very
    operation names the task, as it would name a URL, rather than import it back."""
    if not isinstance(task, str):
        return task
    if task not in app.tasks:
        # A web process imports only the tasks modules its views happen to import.
        app.loader.import_default_modules()  # every app's tasks, as a worker has at start
    return app.tasks[task]


def send_now_or_leave_for_sweep(schema_name: str, task, args, kwargs) -> bool:
    """Send `task` (or the task of that name) from `schema_name`; if the broker is down,
    log it and return False (the row the task works on is stored: the periodic sweep
    sends it later)."""
    from django_tenants.utils import schema_context  # reads settings on import: see above

    task = task_named(task)

    if broker_breaker.is_open and not task.app.conf.task_always_eager:
        return False
    try:
        with schema_context(schema_name):
            task.apply_async(args=args, kwargs=kwargs)
    except Exception:  # noqa: BLE001 - the broker being down must not fail the request
        broker_breaker.trip()
        logger.warning(
            "could not queue %s: the broker is unreachable; the sweep will send it, and "
            "nothing is queued directly for the next %s s",
            task.name,
            broker_breaker.pause_seconds,
            exc_info=True,
        )
        return False
    return True


def enqueue_after_commit(task, *args, **kwargs) -> None:
    """Send `task` (a task, or a task's registered name) once the current transaction
    commits, from the schema active now.

    The row a task works on is stored first, so if the broker is down the send is only
    logged: the periodic sweep of unsent work (see each app's tasks) sends it later.
    """
    task = task_named(task)  # an unknown name fails here, in the caller, not on commit
    transaction.on_commit(
        functools.partial(send_now_or_leave_for_sweep, connection.schema_name, task, args, kwargs)
    )


#: The periodic jobs Celery beat sends (in UK time: CELERY_TIMEZONE).
BEAT_SCHEDULE = {
    # The outbox (outbox/): emails whose worker never got them (broker down when they
    # were queued), retries that are due, and claims of workers that stopped.
    # Appointments made with an end date: audited and handed over the day they end.
    "announce-appointments-ending-today": {
        "task": "roles.tasks.announce_appointments_ending_today",
        "schedule": crontab(hour=0, minute=10),
    },
    "relay-due-emails": {
        "task": "outbox.tasks.relay_due_emails",
        "schedule": 60,
    },
    # Officers schedule pages with Wagtail's "Go live" and "Expiry" dates.
    "publish-scheduled-pages": {
        "task": "constituencies.tasks.run_for_every_constituency",
        "args": ["constituencies.tasks.publish_scheduled_pages"],
        "schedule": 5 * 60,
    },
    # Member imports whose message was lost (the broker was down when staff uploaded).
    "requeue-waiting-member-imports": {
        "task": "membersnet.members.tasks.queue_waiting_imports",
        "schedule": 10 * 60,
    },
    # Subject access exports whose message was lost (the same).
    "requeue-waiting-personal-data-exports": {
        "task": "personal_data.tasks.queue_waiting_exports",
        "schedule": 10 * 60,
    },
    # Deleted users whose ids constituencies may still hold (accounts.deleted_accounts),
    # when the task their deletion queued never ran.
    "clear-waiting-deleted-accounts": {
        "task": "accounts.tasks.clear_waiting_deleted_accounts",
        "schedule": 10 * 60,
    },
    "membersnet-weekly-digest": {
        "task": "membersnet.members.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=8, minute=0),
    },
    # Training certificates: publishing goes as the publishing course's certificate
    # expires, and members are reminded a month before theirs does.
    "withdraw-expired-publishing": {
        "task": "membersnet.training.tasks.withdraw_expired_publishing",
        "schedule": crontab(hour=0, minute=5),
    },
    "certificate-renewal-reminders": {
        "task": "membersnet.training.tasks.send_certificate_reminders",
        "schedule": crontab(hour=8, minute=30),
    },
    "governance-nightly-check": {
        "task": "governance.tasks.nightly_check",
        "schedule": crontab(hour=2, minute=30),
    },
    # Welsh and English in step on bilingual sites (constituencies.languages): the
    # 48-hour flags, their emails, and each site's summary for the compliance dashboard.
    "language-parity-check": {
        "task": "constituencies.tasks.run_for_every_constituency",
        "args": ["constituencies.languages.tasks.check_language_parity"],
        "schedule": crontab(hour=2, minute=45),
    },
    "key-event-reminders": {
        "task": "constituencies.tasks.run_for_every_constituency",
        "args": ["publicity.tasks.remind_unpublicised_key_events"],
        "schedule": crontab(hour=9, minute=0),
    },
    # People with a place at tomorrow's events are reminded of it (signups.reminders).
    "event-reminders": {
        "task": "constituencies.tasks.run_for_every_constituency",
        "args": ["constituencies.signups.tasks.send_event_reminders"],
        "schedule": crontab(hour=9, minute=0),
    },
    # Pending sign-ups never confirmed free their places (signups.expiry).
    "release-expired-signups": {
        "task": "constituencies.tasks.run_for_every_constituency",
        "args": ["constituencies.signups.tasks.release_expired_signups"],
        "schedule": 15 * 60,
    },
    # Personal data past its retention period, in the hub and every constituency
    # (personal_data.retention; the periods are settings.PERSONAL_DATA_RETENTION).
    "apply-personal-data-retention": {
        "task": "personal_data.tasks.apply_retention_everywhere",
        "schedule": crontab(hour=3, minute=15),
    },
}


app = CeleryApp("labourhub")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Defaults, read when the configuration is first needed (this module must not read
# settings when it loads: see ConstituencyTask); the settings give the broker's address.
app.add_defaults(
    {
        # Results are stored only for the few tasks whose callers read them
        # (ignore_result=False on the task): a result backend on every send would put
        # Redis on the request path.
        "task_ignore_result": True,
        "task_eager_propagates": True,
        # A task whose worker dies is given to another worker, not lost.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "broker_connection_retry_on_startup": True,
        # A request that sends a task waits at most about a second for a broker that is
        # down, then leaves the work to the sweeps (send_now_or_leave_for_sweep).
        "broker_connection_timeout": 1,
        "broker_transport_options": {
            "socket_connect_timeout": 1,
            "socket_timeout": 2,
            "max_retries": 1,
            "interval_start": 0,
            "interval_step": 0.2,
            "interval_max": 0.2,
        },
        "task_publish_retry_policy": {
            "max_retries": 1,
            "interval_start": 0,
            "interval_step": 0.2,
            "interval_max": 0.2,
        },
        "redis_socket_connect_timeout": 1,
        "redis_socket_timeout": 5,
        "beat_schedule": BEAT_SCHEDULE,
    }
)
app.autodiscover_tasks()
