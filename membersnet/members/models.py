import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower

MEMBERSHIP_NUMBER = re.compile(r"^[A-Z]{0,2}\d{4,10}$")


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Member.Status.ACTIVE)


class Member(models.Model):
    """A party member, as the membership system knows them. An account can be made
    only for a member record, by its own email address; a lapsed member keeps their
    account but loses Membersnet."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        LAPSED = "lapsed", "Lapsed"

    membership_number = models.CharField(
        max_length=12,
        unique=True,
        validators=[
            RegexValidator(
                MEMBERSHIP_NUMBER,
                "A membership number is digits, perhaps after one or two letters, like L1234567.",
            )
        ],
    )
    name = models.CharField(max_length=150)
    email = models.EmailField()
    constituency = models.ForeignKey(
        "constituencies.Constituency",
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": "constituency"},
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    digest_opt_in = models.BooleanField(
        "weekly digest", default=True, help_text="Email me a weekly digest of what's new."
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(Lower("email"), name="member_email_lower")]

    def __str__(self):
        return f"{self.name} ({self.membership_number})"

    def save(self, *args, **kwargs):
        self.membership_number = self.membership_number.strip().upper()
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE
