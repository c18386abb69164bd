"""Training's background work (Celery beat, hub-level: the shared schema only)."""

from celery import shared_task

from . import expiry


@shared_task
def send_certificate_reminders() -> int:
    """Each morning: remind members whose certificate expires within a month."""
    return expiry.send_renewal_reminders()


@shared_task
def withdraw_expired_publishing() -> int:
    """Just after midnight: publishing goes from those whose certificate expired today."""
    return expiry.sync_expired_publishers()
