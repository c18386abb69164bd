"""Governance of the party's online presence, as the policy asks: every unit (CLP,
branch, Local Campaign Forum) has designated administrators; everything online that
claims to speak for a unit is on its register, controlled by its current officers;
anyone can report an account; central staff see it all on one dashboard."""

import json

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone

from governance.audit_actions import AUDIT_ACTIONS
from governance.disputes.models import (  # noqa: F401 - Django finds the app's models here
    CaseEvent,
    CaseEvidence,
    DisputeCase,
)
from governance.register.account_keys import lookup_keys, normalise_account
from governance.register.sign_in_details import control_code, is_phone_number, looks_like_a_password


class PartyUnit(models.Model):
    """A CLP, a branch (ward) of a CLP, or a Local Campaign Forum spanning several CLPs.
    A unit's officers are the officers of its CLP(s)."""

    class Kind(models.TextChoices):
        CLP = "clp", "Constituency Labour Party"
        BRANCH = "branch", "Branch"
        LCF = "lcf", "Local Campaign Forum"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    name = models.CharField(max_length=150)
    constituency = models.ForeignKey(
        "constituencies.Constituency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="party_units",
        limit_choices_to={"kind": "constituency"},
        help_text="The CLP itself, or the CLP a branch belongs to.",
    )
    constituencies = models.ManyToManyField(
        "constituencies.Constituency",
        blank=True,
        related_name="campaign_forums",
        limit_choices_to={"kind": "constituency"},
        help_text="The CLPs a Local Campaign Forum spans.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["constituency"],
                condition=models.Q(kind="clp"),
                name="one_unit_per_clp",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.CLP:
            return f"{self.name} CLP"
        return f"{self.name} ({self.get_kind_display()})"

    def clean(self):
        super().clean()
        if self.kind in (self.Kind.CLP, self.Kind.BRANCH) and not self.constituency_id:
            raise ValidationError({"constituency": "A CLP or a branch belongs to a constituency."})

    def officer_constituency_ids(self) -> list[int]:
        """The constituencies whose officers look after this unit."""
        if self.kind == self.Kind.LCF:
            return list(self.constituencies.values_list("pk", flat=True))
        return [self.constituency_id] if self.constituency_id else []


def _person_on_record():
    """Who did something to a register entry; the record outlives their account."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )


class PresenceEntryQuerySet(models.QuerySet):
    def matching(self, text: str):
        """Entries whose handle or address is `text`, however it was written."""
        keys = lookup_keys(text)
        if not keys:
            return self.none()
        return self.filter(models.Q(handle_key__in=keys) | models.Q(url_key__in=keys))


class PresenceEntry(models.Model):
    """One website, social media account, group or page that represents a unit."""

    class Platform(models.TextChoices):
        WEBSITE = "website", "Website"
        FACEBOOK_PAGE = "facebook_page", "Facebook page"
        FACEBOOK_GROUP = "facebook_group", "Facebook group"
        X = "x", "X (Twitter)"
        INSTAGRAM = "instagram", "Instagram"
        TIKTOK = "tiktok", "TikTok"
        BLUESKY = "bluesky", "Bluesky"
        MASTODON = "mastodon", "Mastodon"
        THREADS = "threads", "Threads"
        YOUTUBE = "youtube", "YouTube"
        WHATSAPP = "whatsapp", "WhatsApp group or channel"
        OTHER = "other", "Other"

    unit = models.ForeignKey(PartyUnit, on_delete=models.CASCADE, related_name="presence")
    platform = models.CharField(max_length=16, choices=Platform.choices)
    handle = models.CharField(
        max_length=120, blank=True, help_text="The account name, e.g. @BristolEastLabour."
    )
    url = models.URLField("address", max_length=300, blank=True)
    purpose = models.CharField(max_length=250, help_text="What the account is for.")
    controllers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="controlled_presence",
        help_text="The officers who can sign in to it. Two or more are recommended.",
    )
    credentials_note = models.CharField(
        "where the sign-in details are kept",
        max_length=250,
        help_text="E.g. “In the CLP's password manager, shared with the Secretary”. "
        "Never the password itself.",
    )
    recovery_email = models.EmailField(
        "recovery email address",
        blank=True,
        help_text="The address the platform sends password resets to. Use an address the "
        "CLP controls, not a personal one.",
    )
    recovery_phone = models.CharField(
        "recovery phone number", max_length=20, blank=True, help_text="Where codes are texted."
    )
    last_reviewed_on = models.DateField("control last confirmed on", default=timezone.localdate)
    control_confirmed_by = _person_on_record()
    # Not unique: a backup restored beside its original keeps the codes its accounts show.
    control_code = models.CharField(max_length=16, default=control_code)
    # Central staff's last manual check of the control code on the account itself.
    control_checked_on = models.DateField(null=True, blank=True)
    control_checked_by = _person_on_record()
    control_check_found = models.BooleanField(null=True, blank=True)
    handle_key = models.CharField(max_length=300, editable=False, db_index=True)
    url_key = models.CharField(max_length=300, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PresenceEntryQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "platform", "handle"]
        verbose_name = "register entry"
        verbose_name_plural = "register entries"

    def __str__(self):
        return f"{self.get_platform_display()}: {self.handle or self.url}"

    def save(self, *args, **kwargs):
        self.handle_key = normalise_account(self.handle)
        self.url_key = normalise_account(self.url)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if not self.handle and not self.url:
            errors[NON_FIELD_ERRORS] = "Give the account's handle, its address, or both."
        if looks_like_a_password(self.credentials_note):
            errors["credentials_note"] = (
                "Say where the sign-in details are kept, never the details themselves."
            )
        for name in ("purpose", "recovery_email", "recovery_phone"):
            if looks_like_a_password(getattr(self, name)):
                errors[name] = "This looks like a password. Never put a password on the register."
        phone = self.recovery_phone or ""
        if "recovery_phone" not in errors and phone and not is_phone_number(phone):
            errors["recovery_phone"] = (
                "Give a phone number of digits, with spaces or a leading + if you like, "
                "e.g. 07700 900123 or +44 7700 900123."
            )
        if errors:
            raise ValidationError(errors)


class SignInHolder(models.Model):
    """Someone other than the unit's officers who can sign in to an entry's account (a
    branch's Facebook group admin, say). Matched to a user and a member record by email
    when the register is read, so a member who joins later is found then."""

    entry = models.ForeignKey(PresenceEntry, on_delete=models.CASCADE, related_name="other_holders")
    name = models.CharField(max_length=150)
    email = models.EmailField()

    class Meta:
        ordering = ["name", "email"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "email"], name="one_holder_per_email"),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class GroupAdminInvitation(models.Model):
    """The invitation to the group administrators' course and guidelines, sent once to
    each address the register lists as able to sign in to an account."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email


class Flag(models.Model):
    """Something the policy says should not be so, found by the nightly check, and open
    until the check no longer finds it."""

    class Kind(models.TextChoices):
        NO_ADMINISTRATOR = "no_administrator", "No designated administrator"
        NO_CURRENT_CONTROLLER = "no_current_controller", "No current officer controls it"
        NOT_REVIEWED = "not_reviewed", "Control not confirmed within the review period"
        HOLDER_NOT_MEMBER = "holder_not_member", "Someone who can sign in has no member record"

    kind = models.CharField(max_length=24, choices=Kind.choices)
    unit = models.ForeignKey(PartyUnit, on_delete=models.CASCADE, related_name="flags")
    entry = models.ForeignKey(
        PresenceEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    raised_on = models.DateField(default=timezone.localdate)
    resolved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_on", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "unit", "entry"],
                condition=models.Q(resolved_on__isnull=True),
                nulls_distinct=False,
                name="one_open_flag_per_subject",
            ),
        ]

    def __str__(self):
        subject = self.entry or self.unit
        return f"{self.get_kind_display()}: {subject}"

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None


class AccountReport(models.Model):
    """Somebody's report of an account or site that claims to represent a unit but is
    not on its register, or misbehaves. Central staff work the queue."""

    class Reason(models.TextChoices):
        NOT_ON_REGISTER = (
            "not_on_register",
            "It claims to speak for the party but isn't on the register",
        )
        MISBEHAVING = "misbehaving", "It is on the register but misbehaving"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        NEW = "new", "New"
        INVESTIGATING = "investigating", "Investigating"
        RESOLVED_OFFICIAL = "resolved_official", "Resolved: it is official"
        RESOLVED_REMOVED = "resolved_removed", "Resolved: removed"
        REFERRED = "referred", "Referred for party discipline"

    OPEN_STATUSES = (Status.NEW, Status.INVESTIGATING)

    unit = models.ForeignKey(
        PartyUnit, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    account = models.CharField(max_length=300, help_text="The account's handle or address.")
    account_key = models.CharField(max_length=300, editable=False, db_index=True)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(max_length=3000)
    reporter_name = models.CharField(max_length=120, blank=True)
    reporter_email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When its emails were put in the outbox, in the report's own transaction.
    emails_queued_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Report #{self.pk}: {self.account}"

    def save(self, *args, **kwargs):
        self.account_key = normalise_account(self.account)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ReportEvent(models.Model):
    """The history of a report: who changed its state, when, and why."""

    report = models.ForeignKey(AccountReport, on_delete=models.CASCADE, related_name="history")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=AccountReport.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=AccountReport.Status.choices)
    note = models.TextField(max_length=2000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.report}: {self.from_status or 'received'} → {self.to_status}"


class AuditEvent(models.Model):
    """One central or governance action, for central staff's audit log. Written through
    governance.audit.record: by governance's own operations, and by its named receivers
    for what the apps below it announce in signals (provisioning, appointments, imports)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40, db_index=True)
    summary = models.CharField(max_length=300)
    constituency = models.ForeignKey(
        "constituencies.Constituency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.ForeignKey(
        PartyUnit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    details = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Whose personal data the action touched or showed (lowercased email addresses: one
    # for a record viewed, everyone listed for an export), and which record it was, so
    # that staff can find every entry about a person (the audit list's Person filter).
    record = models.CharField(max_length=120, blank=True)
    people = ArrayField(models.CharField(max_length=254), default=list, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [GinIndex(fields=["people"], name="auditevent_people_gin")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action_label}: {self.summary}"

    @property
    def action_label(self) -> str:
        return AUDIT_ACTIONS.get(self.action, self.action)

    @property
    def people_text(self) -> str:
        return ", ".join(self.people)

    @property
    def details_json(self) -> str:
        """The details as JSON, for the export (one cell a spreadsheet reads as text)."""
        return json.dumps(self.details, sort_keys=True, ensure_ascii=False)


class KeyEventRecord(models.Model):
    """A constituency's key event, as the hub sees it: kept in step by the publicity
    kit, so the dashboard can list events at risk without visiting 632 schemas."""

    constituency = models.ForeignKey(
        "constituencies.Constituency", on_delete=models.CASCADE, related_name="key_events"
    )
    event_id = models.PositiveIntegerField(help_text="The EventPage's id in its schema.")
    title = models.CharField(max_length=255)
    starts_at = models.DateTimeField()
    path = models.CharField(max_length=500, help_text="The event page's path on its site.")
    items_total = models.PositiveSmallIntegerField(default=0)
    items_done = models.PositiveSmallIntegerField(default=0)
    last_reminded_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["constituency", "event_id"], name="one_record_per_event"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.constituency})"

    @property
    def is_publicised(self) -> bool:
        return self.items_total > 0 and self.items_done >= self.items_total


class ComplianceSnapshot(models.Model):
    """The nightly count per nation, for the dashboard's chart of coverage over time."""

    taken_on = models.DateField(default=timezone.localdate)
    nation = models.CharField(max_length=1)
    clps = models.PositiveIntegerField()
    clps_with_administrator = models.PositiveIntegerField()
    officers = models.PositiveIntegerField()
    trained_officers = models.PositiveIntegerField()
    entries = models.PositiveIntegerField()
    flagged_entries = models.PositiveIntegerField()
    open_reports = models.PositiveIntegerField()

    class Meta:
        ordering = ["taken_on", "nation"]
        constraints = [
            models.UniqueConstraint(fields=["taken_on", "nation"], name="one_snapshot_per_day")
        ]

    def __str__(self):
        return f"{self.taken_on} {self.nation}"
