"""Every email the platform sends, stored before it goes.

A row is written in the same transaction as whatever the email is about (a message to
the MP, a sign-up, a report), so the email exists exactly when that does: a broker or
mail server that is down loses nothing, it only delays. Each row moves
queued → sending → sent, or → failed once retries are spent; the move to sending is a
claim under a row lock, committed before the mail server is spoken to, so two workers
never send one email and a killed worker's claim is found and taken over.
"""

import base64
import datetime as dt
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import models
from django.utils import timezone


def new_message_id() -> str:
    return make_msgid(domain=settings.EMAIL_MESSAGE_ID_DOMAIN)


class OutgoingEmailQuerySet(models.QuerySet):
    def due(self, now=None):
        """Queued emails whose next attempt has come."""
        now = now or timezone.now()
        return self.filter(state=OutgoingEmail.State.QUEUED, next_attempt_at__lte=now)

    def abandoned_claims(self, now=None):
        """Emails claimed by a worker that has not finished them in time: it was killed,
        or lost its database connection, between claiming and recording the result."""
        now = now or timezone.now()
        return self.filter(
            state=OutgoingEmail.State.SENDING,
            claimed_at__lt=now - dt.timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS),
        )


class OutgoingEmail(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    # Stable across retries: a copy sent again after a lost acknowledgement carries the
    # same Message-ID, so mail systems (and people) can tell it is the same email.
    message_id = models.CharField(max_length=255, unique=True, default=new_message_id)
    about = models.CharField(
        max_length=100, blank=True, help_text="What the email is about, e.g. contact.delivery."
    )
    # The row it is about (a ContactMessage for contact.delivery), for receivers of
    # outbox.signals.email_sent to record the delivery on.
    about_id = models.BigIntegerField(null=True, blank=True)
    subject = models.TextField()
    body = models.TextField()
    # The HTML version of `body`, sent beside it as an alternative; empty for plain emails.
    html_body = models.TextField(blank=True)
    from_email = models.TextField()
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list)
    bcc = models.JSONField(default=list)
    reply_to = models.JSONField(default=list)
    headers = models.JSONField(default=dict)
    attachments = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    queued_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["queued_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_state_due")]

    def __str__(self):
        return f"{self.subject} to {', '.join(self.to)} ({self.get_state_display()})"

    @classmethod
    def from_message(
        cls, message: EmailMessage, *, about: str = "", about_id: int | None = None
    ) -> "OutgoingEmail":
        """An unsaved row holding everything needed to send `message` later. An HTML
        alternative is kept; any other kind is refused rather than silently dropped."""
        attachments = []
        for attachment in message.attachments:
            filename, content, mimetype = attachment
            if isinstance(content, str):
                content = content.encode()
            attachments.append(
                {
                    "filename": filename,
                    "content": base64.b64encode(content).decode("ascii"),
                    "mimetype": mimetype,
                }
            )
        return cls(
            about=about,
            about_id=about_id,
            subject=message.subject,
            body=message.body,
            html_body=_html_alternative(message),
            from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
            to=list(message.to),
            cc=list(message.cc),
            bcc=list(message.bcc),
            reply_to=list(message.reply_to),
            headers=dict(message.extra_headers),
            attachments=attachments,
        )

    def as_message(self, connection=None) -> EmailMessage:
        """The email as it was queued: with its HTML alternative when it had one."""
        message_class = EmailMultiAlternatives if self.html_body else EmailMessage
        message = message_class(
            connection=connection,
            subject=self.subject,
            body=self.body,
            from_email=self.from_email,
            to=self.to,
            cc=self.cc,
            bcc=self.bcc,
            reply_to=self.reply_to,
            headers={**self.headers, "Message-ID": self.message_id},
        )
        if self.html_body:
            message.attach_alternative(self.html_body, "text/html")
        for attachment in self.attachments:
            message.attach(
                attachment["filename"],
                base64.b64decode(attachment["content"]),
                attachment["mimetype"],
            )
        return message


class UnsupportedAlternative(ValueError):
    """The message carries an alternative the outbox cannot store (only HTML)."""


def _html_alternative(message: EmailMessage) -> str:
    alternatives = list(getattr(message, "alternatives", []))
    if not alternatives:
        return ""
    if len(alternatives) > 1 or alternatives[0][1] != "text/html":
        kinds = ", ".join(mimetype for _, mimetype in alternatives)
        raise UnsupportedAlternative(f"the outbox keeps one text/html alternative, not {kinds}")
    content = alternatives[0][0]
    return content.decode() if isinstance(content, bytes) else content
