"""The day-before reminder: each morning (beat, 9am UK time, once per constituency)
everyone with a confirmed place (its owner confirmed it: pending places are not
reminded) at an event starting the next calendar day is emailed its details, with the
calendar and cancel links, once.

Why the morning before rather than 24 hours ahead: a reminder at a fixed, sociable
hour reads as "tomorrow" whatever time the event starts (24 hours before a 7am
canvass would be 7am today, and an hourly job sends at every hour of the night), and
it leaves the rest of the day to cancel so the place goes to someone waiting. An event
published, or a place taken, after that morning's run gets no reminder: the
confirmation email has just given its details. A person is reminded once per date: if
officers move an event after its reminder went, the day before its new date brings
another.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from constituencies.constituency_email import sender_for
from constituencies.models import Constituency
from outbox.queueing import queue_email

from .models import EventSignup
from .notifications import reminder_email


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _not_reminded_since(moment: dt.datetime) -> Q:
    return Q(reminded_at__isnull=True) | Q(reminded_at__lt=moment)


def due_reminders(now: dt.datetime | None = None):
    """The sign-ups owed a reminder at `now`: confirmed places at published events
    whose time (the shift's, for a place on a shift) starts on the next calendar day in
    UK time, not reminded yet today. Who is reminded of what is decided here and nowhere
    else."""
    today = timezone.localdate(now)
    tomorrow = today + dt.timedelta(days=1)
    return EventSignup.objects.annotate(
        expected_at=Coalesce("shift__starts_at", "event__starts_at")
    ).filter(
        _not_reminded_since(_start_of(today)),
        status=EventSignup.Status.CONFIRMED,
        confirmed_at__isnull=False,
        event__live=True,
        expected_at__gte=_start_of(tomorrow),
        expected_at__lt=_start_of(tomorrow + dt.timedelta(days=1)),
    )


def send_reminders(now: dt.datetime | None = None) -> int:
    """Queue the reminders due in the current constituency's schema; returns how many.
    Safe to run again, or in two workers at once: each sign-up is reminded once a day
    at most."""
    now = now or timezone.now()
    constituency = Constituency.objects.current()
    if not constituency.is_active:
        # Suspended or archived: its pages are offline, so the reminder's event, calendar
        # and cancel links would not work. Reactivated before the day, it reminds then.
        return 0
    senders = {}  # by language: read once per run
    reminded = 0
    for signup in due_reminders(now).select_related("event__locale", "shift").order_by("pk"):
        reminded += _remind(signup, now, constituency, senders)
    return reminded


@transaction.atomic
def _remind(signup: EventSignup, now, constituency, senders: dict) -> bool:
    # Claimed by a conditional update on the row alone: another worker claiming it at
    # the same moment waits for this transaction, then finds it reminded (or cancelled
    # meanwhile) and skips it. The email is stored in the same transaction as the claim.
    claimed = EventSignup.objects.filter(
        _not_reminded_since(_start_of(timezone.localdate(now))),
        pk=signup.pk,
        status=EventSignup.Status.CONFIRMED,
        confirmed_at__isnull=False,
    ).update(reminded_at=now)
    if not claimed:
        return False
    # Each person's reminder in the language they signed up in (the sender's name too).
    with translation.override(signup.language):
        if signup.language not in senders:
            senders[signup.language] = sender_for(constituency)
        queue_email(
            reminder_email(signup, senders[signup.language], constituency),
            about="signups.reminder",
            about_id=signup.pk,
        )
    return True
