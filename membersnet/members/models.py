import re
import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from membersnet.private_files import private_storage

from .signals import member_import_ended

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
    lapsed_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The day the platform learnt that the membership had lapsed.",
    )
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
        if self.status == self.Status.ACTIVE:
            self.lapsed_on = None
        elif self.lapsed_on is None:
            self.lapsed_on = timezone.localdate()
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


def _import_file_path(instance, filename):
    # The name staff gave the file is kept on the record, not in storage.
    return f"member-imports/{uuid.uuid4().hex}.csv"


class MemberImport(models.Model):
    """One upload of the member list, imported in the background.

    The uploaded file is personal data: it is kept in private storage only until the
    import finishes or fails, then deleted. The report (counts, the first
    `MAX_ERRORS` row errors and how many there were in all) stays.
    """

    MAX_ERRORS = 1000

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    file = models.FileField(storage=private_storage, upload_to=_import_file_path, blank=True)
    file_name = models.CharField(max_length=255)
    send_invitations = models.BooleanField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    # The Celery task running it: a message redelivered after a worker was lost carries
    # the same id and may carry on; a second message for the same import may not.
    task_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    invited = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display().lower()})"

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.FINISHED, self.Status.FAILED)

    @property
    def rows_read(self) -> int:
        return self.created + self.updated + self.unchanged + self.error_count

    def record_progress(self, report) -> None:
        """Store the counts so far, for the status page while the import runs."""
        type(self).objects.filter(pk=self.pk).update(**self._counts(report))

    def finish(self, report) -> None:
        for name, value in self._counts(report).items():
            setattr(self, name, value)
        self.errors = [
            {"line": e.line, "membership_number": e.membership_number, "message": e.message}
            for e in report.errors[: self.MAX_ERRORS]
        ]
        self._end(self.Status.FINISHED, "errors", *self._counts(report))

    def fail(self, message: str) -> None:
        """Stop with `message`; the counts stored so far (by `record_progress`) stay."""
        self.failure = message
        self._end(self.Status.FAILED, "failure")

    def _end(self, status, *fields) -> None:
        self.status = status
        self.finished_at = timezone.now()
        self.file.delete(save=False)
        self.save(update_fields=["status", "finished_at", "file", *fields])
        member_import_ended.send(
            MemberImport,
            file_name=self.file_name,
            counts={name: getattr(self, name) for name in self._counts(self)},
            failure=self.failure,
            by=self.started_by,
        )

    @staticmethod
    def _counts(report) -> dict:
        return {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "invited": report.invited,
            "error_count": report.error_count,
        }
