"""Roles' periodic work."""

from celery import shared_task

from .appointments import announce_ended_appointments


@shared_task
def announce_appointments_ending_today() -> int:
    """Appointments made with an end date end without anyone clicking "End": announce
    them the morning they end, so they are audited and their accounts handed over."""
    return announce_ended_appointments()
