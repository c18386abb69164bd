"""What the contact form tests share: the form's address, a good message, and reading the emails."""

import re
import smtplib

from django.core.mail.backends.base import BaseEmailBackend
from wagtail.models import Site

from constituencies.contact.models import ContactMessage
from constituencies.website.models import SiteSettings

CONTACT = "/contact/"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
VALID = {
    "name": "Sam Sender",
    "email": "sam@example.org",
    "postcode": "bs5 6ab",
    "subject": "Bus routes",
    "message": "Please save the number 48 bus.",
    "website": "",
}


class BrokenMailServer(BaseEmailBackend):
    """A mail server that is down: every send fails."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 mail server unavailable")


BROKEN_MAIL_SERVER = f"{__name__}.BrokenMailServer"


def confirm_url(token):
    return f"/contact/confirm/{token}/"


def error_shown_beside(page, field, explanation):
    """Whether `explanation` is shown in the error list of `field`."""
    return f'<ul class="errorlist" id="id_{field}-errors"><li>{explanation}</li>' in page


def typed_value_kept(page, field, value):
    """Whether the re-rendered form shows what was typed into `field`."""
    if field == "message":
        return f"{value}</textarea>" in page
    return f'value="{value}"' in page


def set_contact_email(constituency, in_schema, address):
    with in_schema(constituency):
        site_settings = SiteSettings.for_site(Site.objects.get())
        site_settings.contact_email = address
        site_settings.save()


def move_back(constituency, in_schema, message, **fields):
    """Move a stored message's timestamps back, e.g. created_at=timedelta(minutes=5)."""
    with in_schema(constituency):
        current = ContactMessage.objects.get(pk=message.pk)
        ContactMessage.objects.filter(pk=message.pk).update(
            **{name: getattr(current, name) - ago for name, ago in fields.items()}
        )


def link_in(email):
    """The one confirmation link in an email."""
    [link] = re.findall(r"https?://\S+/confirm/\S+", email.body)
    return link


def emails_to(outbox, address):
    return [email for email in outbox if address in email.to + email.cc + email.bcc]
