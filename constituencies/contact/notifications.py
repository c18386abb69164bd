"""The contact form's emails, from the constituency: the sender is asked (in the site's
branding) to confirm their message; the confirmed message is relayed as plain text to
the MP or candidate, replies going to the sender, and the sender gets their own copy in a
separate email, which never shows the address it was delivered to. Each email to the
sender links to the page withdrawing the message (deleting the stored copy).

The sender's emails are in the language they wrote in (`message.language`), their links
to that language's pages; the message relayed to the MP or party is in English."""

from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from constituencies.constituency_email import constituency_email, sender_for
from constituencies.models import Constituency
from constituencies.plain_text import single_line

from .models import ContactMessage


def withdraw_link(message: ContactMessage, constituency, text: str) -> dict:
    """The footer's link to withdraw the message, in the context the email base reads
    (the withdraw page in the active language)."""
    path = reverse("message_withdraw", urlconf=settings.ROOT_URLCONF, args=[message.token])
    return {
        "cancel_url": constituency.url_for(path=path),
        "cancel_text": text,
        "cancel_link_text": _("Withdraw my message"),
    }


def confirmation_request(message: ContactMessage, confirm_path: str) -> EmailMultiAlternatives:
    """Asks the sender to confirm, in their language. `confirm_path` is under the contact
    page they wrote on, so in the same language."""
    with translation.override(message.language):
        constituency = Constituency.objects.current()
        sender = sender_for(constituency)
        return constituency_email(
            sender,
            subject=_("Confirm your message to %(recipient)s")
            % {"recipient": message.recipient_name},
            template="contact/email/confirm",
            context={
                "message": message,
                "confirm_url": constituency.url_for(path=confirm_path),
                "days": settings.CONTACT_CONFIRMATION_DAYS,
                **withdraw_link(
                    message, constituency, _("To withdraw it now and have us delete it at once")
                ),
            },
            to=[message.email],
            why=_(
                "You're getting this email because someone gave this address when writing to "
                "%(recipient)s on the %(party)s website."
            )
            % {"recipient": message.recipient_name, "party": sender.name},
        )


def delivery(message: ContactMessage) -> EmailMultiAlternatives:
    """The message itself, to the recipient alone, replying to the sender. Plain text:
    it is the sender's words, relayed. (Copying the sender in would show them the
    address the form promises is never shown.) In English, whatever the sender wrote in:
    it is for the party's officers."""
    with translation.override(settings.LANGUAGE_CODE):
        return _delivery(message)


def _delivery(message: ContactMessage) -> EmailMultiAlternatives:
    sender = sender_for(Constituency.objects.current())
    return constituency_email(
        sender,
        subject=f"{message.subject} (from {message.name}, {message.postcode})",
        template="contact/email/delivery",
        context={"message": message},
        html=False,
        to=[message.recipient_email],
        reply_to=[formataddr((single_line(message.name), message.email))],
        why=f"Sent to {message.recipient_name} through the {sender.name} website's contact "
        "form. The person who wrote it has their own copy.",
    )


def sender_copy(message: ContactMessage) -> EmailMultiAlternatives:
    """The sender's copy of what was delivered, naming the recipient but not their
    address. In the sender's language."""
    with translation.override(message.language):
        constituency = Constituency.objects.current()
        sender = sender_for(constituency)
        return constituency_email(
            sender,
            subject=_("Sent to %(recipient)s: %(subject)s")
            % {"recipient": message.recipient_name, "subject": message.subject},
            template="contact/email/copy",
            context={
                "message": message,
                **withdraw_link(
                    message,
                    constituency,
                    _("To have the %(party)s website delete its stored copy of your message")
                    % {"party": sender.name},
                ),
            },
            to=[message.email],
            why=_(
                "You're getting this email because you wrote to %(recipient)s on the "
                "%(party)s website and confirmed your message."
            )
            % {"recipient": message.recipient_name, "party": sender.name},
        )
