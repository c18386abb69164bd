"""What the event sign-up tests share: events, and reading the pages and emails."""

import html
import smtplib

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from icalendar import Calendar

from constituencies.signups.models import EventSignup

CONFIRMED = EventSignup.Status.CONFIRMED
WAITLISTED = EventSignup.Status.WAITLISTED
CANCELLED = EventSignup.Status.CANCELLED
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
ADMIN_SIGNUPS = "/admin/signups/"
CONSENT = (
    "I agree that Testford North Labour may keep my name and contact details to organise "
    "this event, and contact me about it. They are deleted 12 months after the event."
)


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
