from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from constituencies.models import Constituency
from constituencies.plain_text import single_line

from .models import ContactMessage


def confirmation_request(message: ContactMessage, confirm_path: str) -> EmailMessage:
    constituency = Constituency.objects.current()
    context = {
        "message": message,
        "constituency": constituency,
        "confirm_url": constituency.url_for(path=confirm_path),
        "days": settings.CONTACT_CONFIRMATION_DAYS,
    }
    return EmailMessage(
        subject=f"Confirm your message to {message.recipient_name}",
        body=render_to_string("contact/email/confirm.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.email],
    )


def delivery(message: ContactMessage) -> EmailMessage:
    """The message itself, to the recipient, replying to the sender, copied to them."""
    context = {"message": message, "constituency": Constituency.objects.current()}
    return EmailMessage(
        subject=single_line(f"{message.subject} (from {message.name}, {message.postcode})"),
        body=render_to_string("contact/email/delivery.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient_email],
        cc=[message.email],
        reply_to=[formataddr((single_line(message.name), message.email))],
    )
