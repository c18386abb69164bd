"""What the publicity tests share: key events built for them, and reading the kit."""

import html
import smtplib

from django.core.mail.backends.base import BaseEmailBackend

from governance.models import KeyEventRecord, PresenceEntry
from governance.register.units import ensure_clp_unit

DENIED_TEXT = "You cannot open this admin"
SHORT_URL = "http://testford-north.localhost/e/{id}/"
WHEN = "Saturday 5 December 2026, 10am to 1pm"


class BrokenMailServer(BaseEmailBackend):
    """A mail server that is down: every send fails."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 mail server unavailable")


def kit_url(event):
    return f"/admin/publicity/{event.pk}/"


def tick_url(event, item):
    return f"/admin/publicity/{event.pk}/checklist/{item.pk}/"


def text(response):
    return html.unescape(response.content.decode())


def register(constituency, platform="x", handle="@TestfordNorthLab", unit=None):
    """Put an account on the register of the constituency's CLP (or of `unit`)."""
    return PresenceEntry.objects.create(
        unit=unit or ensure_clp_unit(constituency),
        platform=platform,
        handle=handle,
        purpose="News and events",
        credentials_note="In the CLP's password manager",
    )


def record_of(constituency, event):
    return KeyEventRecord.objects.filter(constituency=constituency, event_id=event.pk).first()


def _words(length):
    """A title of exactly `length` characters, in words."""
    words = ("Rally for fair wages and homes " * 20)[:length]
    return words[:-1] + "x" if words.endswith(" ") else words
