import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class ContactMessage(models.Model):
    """A message to the constituency's MP or candidate.

    Stored as soon as it is written, then held until the sender confirms their address
    through an emailed link (so nobody writes in someone else's name), then delivered
    by email. Personal data: purged by retention (personal_data.retention) a set
    time after it was written; `retain_until` is the date the sender was given then.
    """

    class Status(models.TextChoices):
        AWAITING_CONFIRMATION = "awaiting_confirmation", "Waiting for the sender to confirm"
        CONFIRMED = "confirmed", "Confirmed, to be delivered"
        DELIVERED = "delivered", "Delivered"

    name = models.CharField(max_length=120)
    email = models.EmailField()
    postcode = models.CharField(max_length=8)
    subject = models.CharField(max_length=150)
    message = models.TextField(max_length=5000)
    recipient_name = models.CharField(max_length=120)
    recipient_email = models.EmailField()
    consent_text = models.TextField(help_text="The wording the sender agreed to.")
    consent_version = models.CharField(
        max_length=40, help_text="The version of the wording (privacy.consent)."
    )
    consented_at = models.DateTimeField(
        default=timezone.now, help_text="When the sender agreed to it."
    )
    status = models.CharField(
        max_length=24, choices=Status.choices, default=Status.AWAITING_CONFIRMATION
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    retain_until = models.DateTimeField()
    # The language the sender wrote in: their emails are in it (the delivered message,
    # to the MP, is in English).
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} (from {self.name})"
