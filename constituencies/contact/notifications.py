from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from constituencies.addresses import site_request
from constituencies.website.plain_text import single_line

from .models import ContactMessage


def _confirm_path(token: str) -> str:
    """The confirmation link under the site's contact page, wherever officers have put
    it (they may rename its slug)."""
    from constituencies.website.models import ContactPage

    page = ContactPage.objects.live().first()
    if page is None:  # taken down since the message was written: the link still works
        return f"/contact/confirm/{token}/"
    return page.url + page.reverse_subpage("confirm", args=[token])


def confirmation_request(message: ContactMessage) -> EmailMessage:
    request = site_request()
    context = {
        "message": message,
        "constituency": request.tenant,
        "confirm_url": request.tenant.url_for(request, _confirm_path(message.token)),
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
    context = {"message": message, "constituency": site_request().tenant}
    return EmailMessage(
        subject=single_line(f"{message.subject} (from {message.name}, {message.postcode})"),
        body=render_to_string("contact/email/delivery.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient_email],
        cc=[message.email],
        reply_to=[formataddr((single_line(message.name), message.email))],
    )
