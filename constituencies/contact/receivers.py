"""A message's emails are sent by the outbox; these record when each went."""

from django.dispatch import receiver

from outbox.models import OutgoingEmail
from outbox.signals import email_sent

from .models import ContactMessage


@receiver(email_sent, sender=OutgoingEmail, dispatch_uid="contact-record-email-sent")
def record_contact_email_sent(email, **kwargs):
    if email.about == "contact.confirmation":
        ContactMessage.objects.filter(pk=email.about_id).update(confirmation_sent_at=email.sent_at)
    elif email.about == "contact.delivery":
        ContactMessage.objects.filter(
            pk=email.about_id, status=ContactMessage.Status.CONFIRMED
        ).update(status=ContactMessage.Status.DELIVERED, delivered_at=email.sent_at)
