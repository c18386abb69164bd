"""How the platform writes when an event happens: "Saturday 5 December 2026, 10am to
1pm", in UK time."""

from django.utils import timezone
from django.utils.dateformat import format as date_format


def when(starts_at, ends_at=None) -> str:
    starts = timezone.localtime(starts_at)
    text = f"{date_format(starts, 'l j F Y')}, {clock(starts)}"
    if ends_at:
        ends = timezone.localtime(ends_at)
        if ends.date() == starts.date():
            text += f" to {clock(ends)}"
        else:
            text += f" to {date_format(ends, 'l j F Y')}, {clock(ends)}"
    return text


def clock(moment) -> str:
    """ "10am", "2:30pm", "midday"."""
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"
