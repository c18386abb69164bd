"""How far ahead a key event is due its publicity: officers are reminded of it, and the
compliance dashboard counts it "at risk" while its checklist is unfinished."""

import datetime as dt

from django.utils import timezone

DAYS_AHEAD = 14


def publicity_horizon(now) -> dt.datetime:
    """The end of the day DAYS_AHEAD days after `now` (UK time): key events starting
    before it are due their publicity."""
    last_day = timezone.localdate(now) + dt.timedelta(days=DAYS_AHEAD)
    return timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time()))
