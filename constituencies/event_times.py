"""How the platform writes when an event happens: "Saturday 5 December 2026, 10am to
1pm", in UK time, and in Welsh under /cy/ (or `translation.override("cy")`, as emails and
calendar feeds in Welsh do): "Dydd Sadwrn 5 Rhagfyr 2026, 10yb – 1yh"."""

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext, pgettext

# Django's own catalogues name the days and months in each language ("Dydd Sadwrn",
# "Rhagfyr"), so one format serves both.
DAY_FORMAT = "l j F Y"


def when(starts_at, ends_at=None) -> str:
    starts = timezone.localtime(starts_at)
    day = date_format(starts, DAY_FORMAT)
    if not ends_at:
        return gettext("%(day)s, %(time)s") % {"day": day, "time": clock(starts)}
    ends = timezone.localtime(ends_at)
    if ends.date() == starts.date():
        return gettext("%(day)s, %(starts)s to %(ends)s") % {
            "day": day,
            "starts": clock(starts),
            "ends": clock(ends),
        }
    return gettext("%(start_day)s, %(starts)s to %(end_day)s, %(ends)s") % {
        "start_day": day,
        "starts": clock(starts),
        "end_day": date_format(ends, DAY_FORMAT),
        "ends": clock(ends),
    }


def times(starts_at, ends_at) -> str:
    """ "10am to 1pm": a shift's hours on its event's day."""
    return gettext("%(starts)s to %(ends)s") % {
        "starts": clock(timezone.localtime(starts_at)),
        "ends": clock(timezone.localtime(ends_at)),
    }


def clock(moment) -> str:
    """ "10am", "2:30pm", "midday"."""
    if moment.hour == 12 and moment.minute == 0:
        return pgettext("time of day", "midday")
    hour = moment.hour % 12 or 12
    time = str(hour) if moment.minute == 0 else f"{hour}:{moment.minute:02d}"
    if moment.hour < 12:
        return pgettext("time of day", "%(time)sam") % {"time": time}
    return pgettext("time of day", "%(time)spm") % {"time": time}
