"""What the event sign-up tests share: events, and reading the pages and emails."""

import datetime as dt
import html
import re
import smtplib
from urllib.parse import urlsplit

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from icalendar import Calendar

from constituencies.signups import places
from constituencies.signups.models import EventShift, EventSignup
from tests.helpers import client_for

CONFIRMED = EventSignup.Status.CONFIRMED
WAITLISTED = EventSignup.Status.WAITLISTED
CANCELLED = EventSignup.Status.CANCELLED
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
ADMIN_SIGNUPS = "/admin/signups/"
CONSENT = (
    "I agree that Testford North Labour may keep my name and contact details to organise "
    "this event, and contact me about it. They are deleted 12 months after the event."
)
CONFIRM_LINK = re.compile(r"https?://\S+/sign-ups/[\w-]+/confirm/")
CANCEL_LINK = re.compile(r"https?://\S+/sign-ups/[\w-]+/cancel/")


class BrokenMailServer(BaseEmailBackend):
    """A mail server that is down: every send fails."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 mail server unavailable")


BROKEN_MAIL_SERVER = f"{__name__}.BrokenMailServer"


def person(name="Ann Example", email=None, **extra):
    """What a visitor types into the sign-up form, consent ticked."""
    first = name.split()[0].lower()
    return {
        "name": name,
        "email": email or f"{first}@example.org",
        "phone": "",
        "consent": "on",
        "website": "",
        **extra,
    }


def sign_up_url(event):
    return event.url + "sign-up/"


def text(response):
    """The page as a person reads it (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


def ics_of(message):
    """The calendar attached to an email, parsed (it must be exactly one .ics file)."""
    calendars = [a for a in message.attachments if a[0].endswith(".ics")]
    assert len(calendars) == 1, f"expected one .ics attachment, got {message.attachments!r}"
    filename, content, mimetype = calendars[0]
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content)


def mail_to(address):
    return [message for message in mail.outbox if address in message.to]


def _by_name(signups):
    return {signup.name: signup.status for signup in signups}


def is_confirmation_request(message) -> bool:
    """The email asking a person to confirm a pending sign-up."""
    return bool(CONFIRM_LINK.search(message.body))


def confirm_link(message) -> str:
    """The path of the confirmation link in a pending sign-up's email."""
    return urlsplit(CONFIRM_LINK.search(message.body).group()).path


def cancel_link(message) -> str:
    return urlsplit(CANCEL_LINK.search(message.body).group()).path


def confirm_requests_since(post, constituency, sent_before: int) -> None:
    """Each person asked to confirm in the emails sent since mail.outbox held
    `sent_before` does: opens the link (from their mail app: a browser of its own, so
    the visitor's page still shows what signing up told them) and presses Confirm. The
    requests are then taken out of mail.outbox, leaving the emails a confirmed sign-up
    gets (test_confirmation.py reads the requests themselves)."""
    requests = [m for m in mail.outbox[sent_before:] if is_confirmation_request(m)]
    for message in requests:
        post(client_for(constituency), confirm_link(message))
        mail.outbox.remove(message)


def confirm_everything(constituency, in_schema):
    """Confirm every pending sign-up of the site, as each owner pressing Confirm would
    (tests of what confirmed places do, through the function the confirm page calls)."""
    with in_schema(constituency):
        for signup in EventSignup.objects.pending():
            places.confirm(signup)


def add_shifts(event, *specs):
    """Shifts of `event`: (hours after its start, hours long, places)."""
    return [
        EventShift.objects.create(
            event=event,
            sort_order=number,
            starts_at=event.starts_at + dt.timedelta(hours=offset),
            ends_at=event.starts_at + dt.timedelta(hours=offset + length),
            capacity=capacity,
        )
        for number, (offset, length, capacity) in enumerate(specs)
    ]
