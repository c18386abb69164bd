"""iCalendar (RFC 5545) for events: one event's .ics, and each site's subscribable feed
of upcoming events. UIDs are stable (the page's id and the site's domain), so calendar
apps update an event rather than duplicating it. An event with shifts is one calendar
event per shift, at the shift's times.

Calendars speak the active language: under /cy/ the calendar's name, each event's text
and the fixed words around it are in Welsh (each text marked with its LANGUAGE)."""

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar, Event

from .site_names import site_name

CALENDAR_TZ = "Europe/London"


def _language() -> str:
    """The active language as iCalendar names it (RFC 5646): en-GB, cy."""
    return settings.HTML_LANGUAGES.get(translation.get_language(), "en-GB")


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    language = _language()
    calendar.add("prodid", f"-//LabourHub//Constituency events//{language.upper()[:2]}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", CALENDAR_TZ)
    return calendar


def event_uid(event, domain: str, shift=None) -> str:
    if shift is not None:
        return f"event-{event.pk}-shift-{shift.pk}@{domain}"
    return f"event-{event.pk}@{domain}"


def _vevents(constituency, event, request=None, shifts=None) -> list[Event]:
    """The event, or each of its shifts (all of them, unless told which)."""
    shifts = list(event.shifts.all()) if shifts is None else shifts
    if not shifts:
        return [_vevent(constituency, event, request)]
    return [_vevent(constituency, event, request, shift) for shift in shifts]


def _vevent(constituency, event, request=None, shift=None) -> Event:
    local = timezone.get_default_timezone()
    url = event.absolute_url(request)
    vevent = Event()
    vevent.add("uid", event_uid(event, constituency.primary_domain, shift))
    vevent.add("dtstamp", event.last_published_at or timezone.now())
    vevent.add("dtstart", timezone.localtime((shift or event).starts_at, local))
    vevent.add("dtend", timezone.localtime(shift.ends_at if shift else event.finishes_at, local))
    language = {"LANGUAGE": _language()}
    summary = f"{event.title} ({shift.times})" if shift else event.title
    vevent.add("summary", summary, parameters=language)
    if event.signups_open:
        # Translators: the last line of an event in a calendar app, before its address.
        more = gettext("Details and sign-up: %(url)s") % {"url": url}
    else:
        # Translators: the last line of an event in a calendar app, before its address.
        more = gettext("Details: %(url)s") % {"url": url}
    vevent.add("description", f"{event.summary}\n\n{more}", parameters=language)
    location = ", ".join(
        part for part in (event.venue, event.address.replace("\n", ", "), event.postcode) if part
    )
    if location:
        vevent.add("location", location, parameters=language)
    vevent.add("url", url)
    return vevent


def _with_timezone(calendar: Calendar) -> Calendar:
    """Add the VTIMEZONE for Europe/London, covering the years around today (the whole
    history since 1970 would triple the file's size)."""
    today = timezone.localdate()
    calendar.add_missing_timezones(
        first_date=today.replace(year=today.year - 2, month=1, day=1),
        last_date=today.replace(year=today.year + 5, month=1, day=1),
    )
    return calendar


def _response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_calendar(constituency, event, request=None, shifts=None) -> Calendar:
    """One event, as attached to sign-up confirmations and offered on its page: with
    all its shifts, or only `shifts` (the ones a person signed up to)."""
    calendar = _calendar(site_name(constituency))
    for vevent in _vevents(constituency, event, request, shifts):
        calendar.add_component(vevent)
    return _with_timezone(calendar)


def event_calendar_response(request, event) -> HttpResponse:
    return _response(event_calendar(request.tenant, event, request), f"{event.slug}.ics")


def site_calendar_response(request, events) -> HttpResponse:
    """`events`, as the site's calendar that calendar apps subscribe to."""
    # Translators: a calendar's name, e.g. "Cardiff East Labour events".
    calendar = _calendar(gettext("%(party)s events") % {"party": site_name(request.tenant)})
    prefetch_related_objects(events, "shifts")
    for event in events:
        for vevent in _vevents(request.tenant, event, request):
            calendar.add_component(vevent)
    return _response(_with_timezone(calendar), f"{request.tenant.slug}-events.ics")
