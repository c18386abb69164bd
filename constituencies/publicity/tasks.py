import smtplib

from constituencies.models import Constituency
from labourhub.celery import ConstituencyTask, app

from .reminders import events_to_remind_about, remind


@app.task(
    base=ConstituencyTask,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=60,
    retry_backoff_max=60 * 30,
    max_retries=6,
)
def remind_unpublicised_key_events() -> int:
    """Daily (beat, through run_for_every_constituency): remind the constituency's
    designated administrators of each key event in the next two weeks whose checklist
    is unfinished, once a day at most per event. A retry after a mail server failure
    skips the events already reminded today. A suspended or archived site's officers
    are not reminded: its pages are offline. Returns how many reminders went."""
    if not Constituency.objects.current().is_active:
        return 0
    return sum(remind(event) for event in events_to_remind_about())
