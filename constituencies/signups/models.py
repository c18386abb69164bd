import secrets
from dataclasses import dataclass

from django.db import models
from django.db.models import Q

CONSENT_TEXT = (
    "I agree that {party} may keep my name and contact details to organise this event, "
    "and contact me about it. They are deleted {months} months after the event."
)


def _new_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class Places:
    capacity: int | None
    taken: int
    waiting: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity


class EventSignupQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=EventSignup.Status.CANCELLED)

    def places_for(self, event) -> Places:
        counts = self.filter(event=event).aggregate(
            taken=models.Count("pk", filter=Q(status=EventSignup.Status.CONFIRMED)),
            waiting=models.Count("pk", filter=Q(status=EventSignup.Status.WAITLISTED)),
        )
        return Places(capacity=event.capacity, **counts)


class EventSignup(models.Model):
    """One person's place (or place in the queue) at one event.

    Personal data: kept until `retain_until`, then purged. `notified_status` is the
    status last emailed to the person (the email itself is in the outbox, sent even if
    the mail server or broker is down at the time).
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey("website.EventPage", on_delete=models.CASCADE, related_name="signups")
    name = models.CharField(max_length=120)
    email = models.EmailField()
    phone = models.CharField(max_length=30, blank=True)
    consent_text = models.TextField(help_text="The wording the person agreed to.")
    status = models.CharField(max_length=16, choices=Status.choices)
    notified_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    retain_until = models.DateTimeField()
    # When the day-before reminder was last queued: once per date the event is on.
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = EventSignupQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = "sign-up"
        constraints = [
            models.UniqueConstraint(
                "event",
                models.functions.Lower("email"),
                condition=~Q(status="cancelled"),
                name="one_active_signup_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.event.title}"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED
