"""What the parity check keeps: a summary per bilingual constituency in the hub's
schema, for the compliance dashboard, and the 48-hour flags in each constituency's.

The app is in both the shared and the tenant apps (its middleware and views serve both),
so each table exists in every schema: `LanguageParity` is used only in the public
schema, `LanguageGapFlag` only in constituency schemas."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class LanguageParity(models.Model):
    """How far a bilingual constituency's Welsh and English pages are in step, as its
    last check found (`parity.site_parity`): written nightly and whenever a page of the
    site is published or unpublished."""

    constituency = models.OneToOneField(
        "constituencies.Constituency", on_delete=models.CASCADE, related_name="language_parity"
    )
    missing_welsh = models.PositiveIntegerField(default=0)
    outdated_welsh = models.PositiveIntegerField(default=0)
    missing_english = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "language parity summaries"

    def __str__(self):
        return f"Welsh parity of {self.constituency}"

    @property
    def gaps(self) -> int:
        return self.missing_welsh + self.outdated_welsh + self.missing_english


class LanguageGapFlag(models.Model):
    """A key event or news item live in one language for more than 48 hours without a
    live version in the other. Raised and resolved by the nightly check; its officers
    are emailed once, when it is raised."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="language_gap_flags"
    )
    missing_language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    live_since = models.DateTimeField()
    flagged_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["flagged_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "missing_language"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_language_gap_flag_per_page",
            )
        ]

    def __str__(self):
        return f"{self.page_id} lacks {self.missing_language}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
