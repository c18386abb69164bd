from django.db import models


class ChecklistItem(models.Model):
    """One thing to do to publicise a key event: post it on one of the CLP's registered
    accounts, or send it to members by email. Officers tick it off."""

    event = models.ForeignKey(
        "website.EventPage", on_delete=models.CASCADE, related_name="publicity_checklist"
    )
    key = models.CharField(
        max_length=64, help_text="What the item is about: 'account-<entry id>' or 'members-email'."
    )
    label = models.CharField(max_length=255)
    done_at = models.DateTimeField(null=True, blank=True)
    # A name rather than a link to the user: users live in the hub's schema, and a
    # reference from a constituency's schema would stop anyone being deleted.
    done_by_name = models.CharField(max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["event", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "key"], name="one_checklist_item_per_key")
        ]

    def __str__(self):
        return self.label

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
