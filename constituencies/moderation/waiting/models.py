from django.conf import settings
from django.db import models


class WaitingDraft(models.Model):
    """One page waiting for approval on one constituency's site, as central staff's
    list shows it. Kept in step with the constituency's workflow by the moderation
    receivers (submitted: added; approved, sent back, cancelled or deleted: removed),
    and rebuilt from every schema by `setup_platform` after each deploy
    (`moderation.index.rebuild_index`), so the hub reads one table, not 650 schemas."""

    constituency = models.ForeignKey(
        "constituencies.Constituency", on_delete=models.CASCADE, related_name="waiting_drafts"
    )
    page_id = models.PositiveIntegerField(help_text="The page's id in its constituency's schema.")
    title = models.CharField(max_length=255)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    since = models.DateTimeField(help_text="When it was last submitted.")

    class Meta:
        ordering = ["constituency__name", "since"]
        constraints = [
            models.UniqueConstraint(
                fields=["constituency", "page_id"], name="one_waiting_draft_per_page"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.constituency})"
