"""What the parity check keeps in each constituency's schema: the 48-hour flags. Its
summary per constituency, for the compliance dashboard, is shared:
`constituencies.models.LanguageParity`."""

from django.conf import settings
from django.db import models
from django.utils import timezone


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
