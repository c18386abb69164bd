"""A disputes case, its history and its evidence. Declared here and imported into
governance.models, which is where Django looks for the app's models; the references to
the other governance models are by name, so this module imports none of them."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models

from membersnet.private_files import private_storage


class DisputeCaseQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(state=DisputeCase.State.CLOSED)


class DisputeCase(models.Model):
    """An account referred to the party's central disputes team: what it is, who
    referred it and why, the member responsible once known, and where the team has got
    to. Officers of its CLP see a summary; the member's name only once released."""

    class State(models.TextChoices):
        RECEIVED = "received", "Received"
        INVESTIGATING = "investigating", "Under investigation"
        NO_ACTION = "no_action", "Outcome: no action"
        WARNING = "warning", "Outcome: warning"
        SUSPENSION_REFERRED = "suspension_referred", "Outcome: suspension referred"
        CLOSED = "closed", "Closed"

    OUTCOMES = (State.NO_ACTION, State.WARNING, State.SUSPENSION_REFERRED)

    account = models.CharField(max_length=300, help_text="The account's handle or address.")
    account_key = models.CharField(max_length=300, db_index=True, editable=False)
    unit = models.ForeignKey(
        "governance.PartyUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dispute_cases",
    )
    reports = models.ManyToManyField("governance.AccountReport", related_name="dispute_cases")
    # The register entries that matched the account when it was referred: their history
    # stays readable in the audit log after an entry is taken off the register.
    register_entry_ids = models.JSONField(default=list, blank=True)
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The member responsible, once the disputes team knows.",
    )
    # Who released it, and who added each piece of evidence, is in the case's history.
    name_released_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.RECEIVED)
    reason = models.TextField("why it is referred", max_length=2000)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The CLP whose officers referred it (none when central staff did): they are told
    # the outcome.
    referred_by_constituency = models.ForeignKey(
        "constituencies.Constituency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    referred_at = models.DateTimeField(auto_now_add=True)
    state_changed_at = models.DateTimeField(auto_now_add=True)

    objects = DisputeCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_at", "-pk"]
        permissions = [("work_dispute_cases", "Can work the disputes team's cases")]

    def __str__(self):
        return f"Case #{self.pk}: {self.account}"

    @property
    def is_open(self) -> bool:
        return self.state != self.State.CLOSED

    @property
    def has_outcome(self) -> bool:
        return self.state in self.OUTCOMES

    @property
    def member_name_for_officers(self) -> str:
        """The member's name once released to officers; "" until then."""
        if self.member_id and self.name_released_at:
            return self.member.name
        return ""


class CaseEvent(models.Model):
    """One line of a case's history: its referral, each change of state, each piece of
    evidence, the member linked, the name released. Never changed afterwards."""

    class Kind(models.TextChoices):
        REFERRED = "referred", "Referred"
        REPORT_ADDED = "report_added", "Report added"
        STATE = "state", "State changed"
        EVIDENCE = "evidence", "Evidence added"
        MEMBER = "member", "Member linked"
        RELEASED = "released", "Name released to officers"

    case = models.ForeignKey(DisputeCase, on_delete=models.CASCADE, related_name="history")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_state = models.CharField(max_length=20, choices=DisputeCase.State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=DisputeCase.State.choices, blank=True)
    note = models.TextField(max_length=2000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.case}: {self.get_kind_display()}"


def _evidence_path(instance, filename):
    # The name staff gave the file is kept on the record; storage gets a random one,
    # with the extension of the format the image was read as (see disputes.evidence).
    return f"dispute-evidence/{uuid.uuid4().hex}{PurePosixPath(filename).suffix}"


class CaseEvidence(models.Model):
    """A screenshot uploaded by the disputes team, kept in private storage and served
    only to the team."""

    case = models.ForeignKey(DisputeCase, on_delete=models.CASCADE, related_name="evidence")
    image = models.FileField(storage=private_storage, upload_to=_evidence_path)
    original_name = models.CharField(max_length=255)
    description = models.CharField(max_length=300)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name_plural = "case evidence"

    def __str__(self):
        return f"{self.case}: {self.original_name}"
