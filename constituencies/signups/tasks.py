from celery import shared_task
from django.db import connection

from labourhub.celery import ConstituencyTask

from .reminders import send_reminders


@shared_task(base=ConstituencyTask)
def send_event_reminders() -> dict:
    """Each morning (beat, through run_for_every_constituency): remind the people with a
    place at tomorrow's events."""
    return {"schema": connection.schema_name, "reminded": send_reminders()}
