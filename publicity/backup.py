"""What a constituency's restore must rewrite for publicity: checklist items name a
register entry by id in their key ('account-<entry id>'), and restored entries have new
ids."""

from django.db import transaction
from django_tenants.utils import schema_context

from .checklist import ACCOUNT_KEY_PREFIX
from .models import ChecklistItem


@transaction.atomic
def renumber_checklist_items(constituency, id_maps: dict[str, dict[int, int]]) -> int:
    """Point the constituency's checklist items at the new ids of its restored register
    entries (an item for an entry that did not come back, such as a forum's in another
    database, is left as it was: the next sync of its checklist drops it). Returns how
    many items changed."""
    entries = id_maps.get("governance.PresenceEntry", {})
    with schema_context(constituency.schema_name):
        items = [
            (item, entries[old])
            for item in ChecklistItem.objects.filter(key__startswith=ACCOUNT_KEY_PREFIX)
            if (old := _entry_id(item.key)) in entries and entries[old] != old
        ]
        # Two steps, so that a new key equal to another item's old one never collides.
        for item, _ in items:
            item.key = f"renumbering-{item.pk}"
        ChecklistItem.objects.bulk_update([item for item, _ in items], ["key"])
        for item, new in items:
            item.key = f"{ACCOUNT_KEY_PREFIX}{new}"
        ChecklistItem.objects.bulk_update([item for item, _ in items], ["key"])
    return len(items)


def _entry_id(key: str) -> int | None:
    number = key.removeprefix(ACCOUNT_KEY_PREFIX)
    return int(number) if number.isdigit() else None
