from celery import shared_task

from constituencies.models import Constituency
from labourhub.celery import ConstituencyTask

from .reminders import events_to_remind_about, remind


@shared_task(base=ConstituencyTask)
def remind_unpublicised_key_events() -> int:
    """Daily (beat, through run_for_every_constituency): remind the constituency's
    designated administrators of each key event in the next two weeks whose checklist
    is unfinished, once a day at most per event. Each reminder is queued in the outbox
    with its day's mark, so a mail server failure is retried there. A suspended or
    archived site's officers are not reminded: its pages are offline. Returns how many
    reminders were queued."""
    if not Constituency.objects.current().is_active:
        return 0
    return sum(remind(event) for event in events_to_remind_about())
