"""The contact form's emails, from the constituency: the sender is asked (in the site's
branding) to confirm their message; the confirmed message is relayed as plain text to
the MP or candidate, copied to the sender, replies going to the sender."""

from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from constituencies.constituency_email import constituency_email, sender_for
from constituencies.models import Constituency
from constituencies.plain_text import single_line

from .models import ContactMessage


def confirmation_request(message: ContactMessage, confirm_path: str) -> EmailMultiAlternatives:
    constituency = Constituency.objects.current()
    sender = sender_for(constituency)
    return constituency_email(
        sender,
        subject=f"Confirm your message to {message.recipient_name}",
        template="contact/email/confirm",
        context={
            "message": message,
            "confirm_url": constituency.url_for(path=confirm_path),
            "days": settings.CONTACT_CONFIRMATION_DAYS,
        },
        to=[message.email],
        why=f"You're getting this email because someone gave this address when writing to "
        f"{message.recipient_name} on the {sender.name} website.",
    )


def delivery(message: ContactMessage) -> EmailMultiAlternatives:
    """The message itself, to the recipient, replying to the sender, copied to them.
    Plain text: it is the sender's words, relayed."""
    sender = sender_for(Constituency.objects.current())
    return constituency_email(
        sender,
        subject=f"{message.subject} (from {message.name}, {message.postcode})",
        template="contact/email/delivery",
        context={"message": message},
        html=False,
        to=[message.recipient_email],
        cc=[message.email],
        reply_to=[formataddr((single_line(message.name), message.email))],
        why=f"Sent to {message.recipient_name} through the {sender.name} website's contact "
        "form, and copied to the person who wrote it.",
    )
