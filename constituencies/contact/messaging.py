"""Writing to the MP or candidate: store the message, ask the sender to confirm their
address, then deliver it (and send the sender their copy, separately)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from constituencies.site_names import site_name
from outbox.queueing import queue_email
from privacy import consent as consent_wordings

from .models import ContactMessage
from .notifications import confirmation_request, delivery, sender_copy


class Recipient:
    def __init__(self, name: str, email: str, role: str):
        self.name, self.email, self.role = name, email, role


def consent_text(constituency, recipient: Recipient) -> str:
    """What the contact form says the sender agrees to by sending, today, in the active
    language."""
    return consent_wordings.current("contact").text_in(
        translation.get_language(),
        party=site_name(constituency),
        recipient=recipient.name,
        months=consent_wordings.months(settings.PERSONAL_DATA_RETENTION["messages"]),
        unconfirmed_days=settings.PERSONAL_DATA_RETENTION["unconfirmed_messages"],
    )


@transaction.atomic
def submit_message(
    *,
    recipient: Recipient,
    contact_page,
    name,
    email,
    postcode,
    subject,
    message,
    consent: str,
    language: str = "",
) -> ContactMessage:
    """Store a message and email the sender a link to confirm it, under `contact_page`
    (the page in the language they wrote in). `consent` is the wording the form showed
    (`consent_text`); `language` (the active one by default) is their emails'."""
    given = consent_wordings.Consent.given(consent_wordings.current("contact"), consent)
    stored = ContactMessage.objects.create(
        **given.fields(),
        name=name.strip(),
        email=email.strip(),
        postcode=postcode,
        subject=subject.strip(),
        message=message.strip(),
        recipient_name=recipient.name,
        recipient_email=recipient.email,
        language=language or translation.get_language(),
        retain_until=timezone.now()
        + dt.timedelta(days=settings.PERSONAL_DATA_RETENTION["messages"]),
    )
    confirm_path = contact_page.confirm_path(stored.token)
    queue_email(
        confirmation_request(stored, confirm_path), about="contact.confirmation", about_id=stored.pk
    )
    return stored


def message_for_link(token: str, *, lock: bool = False) -> ContactMessage:
    """The message a confirmation link is for. Raises ValidationError for an unknown
    link, or an expired one whose message was never confirmed."""
    messages = ContactMessage.objects.select_for_update() if lock else ContactMessage.objects
    stored = messages.filter(token=token).first()
    if stored is None:
        raise ValidationError(_("This link is not valid. Check you copied all of it."))
    expired = timezone.now() - stored.created_at > dt.timedelta(
        days=settings.CONTACT_CONFIRMATION_DAYS
    )
    if stored.status == ContactMessage.Status.AWAITING_CONFIRMATION and expired:
        raise ValidationError(
            _(
                "This link has expired. Please write your message again; it will reach them "
                "once you confirm."
            )
        )
    return stored


@transaction.atomic
def confirm_message(token: str) -> ContactMessage:
    """The sender pressed "Confirm and send" on their link's page: queue the message
    for delivery. (Opening the link is not enough: mail scanners open every link.)
    Raises ValidationError for an unknown or expired link."""
    stored = message_for_link(token, lock=True)
    if stored.status != ContactMessage.Status.AWAITING_CONFIRMATION:
        return stored
    stored.status = ContactMessage.Status.CONFIRMED
    stored.confirmed_at = timezone.now()
    stored.save(update_fields=["status", "confirmed_at"])
    queue_email(delivery(stored), about="contact.delivery", about_id=stored.pk)
    queue_email(sender_copy(stored), about="contact.copy", about_id=stored.pk)
    return stored


@transaction.atomic
def withdraw_message(token: str) -> ContactMessage:
    """The sender pressed "Withdraw" on the page of the link in their emails: the stored
    message is deleted (one not yet confirmed is never delivered; one delivered stays
    only in the recipient's mailbox and the sender's). Raises ValidationError for an
    unknown link, or one already used."""
    stored = ContactMessage.objects.select_for_update().filter(token=token).first()
    if stored is None:
        raise ValidationError(
            _("This link is not valid, or the message was already withdrawn and deleted.")
        )
    stored.delete()
    return stored
