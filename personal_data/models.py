import uuid

from django.conf import settings
from django.db import models

from membersnet.private_files import private_storage


def _export_path(instance, filename):
    return f"personal-data/{uuid.uuid4().hex}.zip"


class PersonalDataRequest(models.Model):
    """A subject access export or an erasure asked for by central staff (from the hub's
    "Personal data" screens or `manage.py personal_data`), run by a Celery task that
    reports its progress here, schema by schema.

    An erasure that stops part-way lists the schemas it has not finished in
    `schemas_remaining`; running it again carries on from there. The request itself is
    kept after the erasure as the record that it was done (privacy.registry)."""

    class Kind(models.TextChoices):
        EXPORT = "export", "Export (subject access)"
        ERASURE = "erasure", "Erasure"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        INCOMPLETE = "incomplete", "Stopped before every schema was done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    email = models.EmailField(help_text="The address the person gave.")
    reason = models.TextField(
        max_length=1000, help_text="Why: the request it answers (how and when it was made)."
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    schemas_done = models.PositiveIntegerField(default=0)
    schemas_total = models.PositiveIntegerField(default=0)
    schemas_remaining = models.JSONField(default=list, blank=True)
    # What was found or erased: [{"kind", "name", "schema", "place", "count", "erasure"}].
    found = models.JSONField(default=list, blank=True)
    # Whom an erasure is about, worked out once when it was asked for: every address
    # and name of theirs and their account's id ({"emails", "user_ids", "names"}). Once
    # the account and the member record are gone their other addresses cannot be worked
    # out again, and a re-run must still find what remains in the unfinished schemas.
    identity = models.JSONField(default=dict, blank=True)
    file = models.FileField(storage=private_storage, upload_to=_export_path, blank=True)
    task_id = models.CharField(max_length=255, blank=True)
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(models.functions.Lower("email"), name="pd_request_email_lower")]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.email}"

    @property
    def percent_done(self) -> int:
        if not self.schemas_total:
            return 0
        return round(100 * self.schemas_done / self.schemas_total)


class RetentionRun(models.Model):
    """One nightly run of retention (personal_data.retention): when, and what it deleted
    or anonymised. `purged` holds one entry per kind, rule and schema where rows went:
    {"kind", "period", "action", "schema", "count"}; `totals` the count per rule's
    period; `failures` the schemas that could not be done: {"schema", "error"}."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    schemas = models.PositiveIntegerField(default=0, help_text="How many schemas were done.")
    purged = models.JSONField(default=list, blank=True)
    totals = models.JSONField(default=dict, blank=True)
    failures = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"Retention run at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_complete(self) -> bool:
        return self.finished_at is not None and not self.failures
