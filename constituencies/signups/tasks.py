from celery import shared_task
from django.db import connection

from labourhub.celery import ConstituencyTask

from .expiry import release_all_expired
from .reminders import send_reminders


@shared_task(base=ConstituencyTask)
def send_event_reminders() -> dict:
    """Each morning (beat, through run_for_every_constituency): remind the people with a
    place at tomorrow's events."""
    return {"schema": connection.schema_name, "reminded": send_reminders()}


@shared_task(base=ConstituencyTask)
def release_expired_signups() -> dict:
    """Every 15 minutes (beat, through run_for_every_constituency): delete pending
    sign-ups whose hold passed unconfirmed, and move the waiting lists up."""
    return {"schema": connection.schema_name, **release_all_expired()}
