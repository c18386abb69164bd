"""The checklist of a key event: one item per account on the register of the units the
constituency looks after ("Posted on X (Twitter) @TestfordLabour"), and one for the
email to members. Officers tick items off; who ticked and when is kept, and written to
the audit log."""

from django.db import transaction
from django.db.models import Case, When
from django.utils import timezone

from constituencies.models import Constituency
from governance import audit
from governance.models import PartyUnit, PresenceEntry
from governance.register.units import units_of_constituency

from . import key_event_record
from .models import ChecklistItem

ACCOUNT_KEY_PREFIX = "account-"
MEMBERS_EMAIL = "members-email"
MEMBERS_EMAIL_LABEL = "Sent to members by email"


def _account_key(entry: PresenceEntry) -> str:
    return f"{ACCOUNT_KEY_PREFIX}{entry.pk}"


def _label(entry: PresenceEntry) -> str:
    label = f"Posted on {entry.get_platform_display()} {entry.handle or entry.url}"
    if entry.unit.kind != PartyUnit.Kind.CLP:
        label += f" ({entry.unit})"
    return label[:255]


def wanted_items(constituency) -> list[tuple[str, str]]:
    """(key, label) of every item the register asks for now, in checklist order."""
    entries = (
        PresenceEntry.objects.filter(unit__in=units_of_constituency(constituency))
        .select_related("unit")
        .annotate(clp_first=Case(When(unit__kind=PartyUnit.Kind.CLP, then=0), default=1))
        .order_by("clp_first", "unit__kind", "unit__name", "platform", "handle", "pk")
    )
    return [(_account_key(entry), _label(entry)) for entry in entries] + [
        (MEMBERS_EMAIL, MEMBERS_EMAIL_LABEL)
    ]


def sync_checklist(event) -> list[ChecklistItem]:
    """The checklist of `event` (an EventPage of the active constituency), in step with
    the register: an item for each account now on it (new accounts appear, removed ones
    go, ticked items stay ticked) and one for the members' email. Keeps the hub's
    record in step too. Safe to run at once from two requests."""
    wanted = wanted_items(Constituency.objects.current())
    with transaction.atomic():
        existing = {item.key: item for item in ChecklistItem.objects.filter(event=event)}
        ChecklistItem.objects.filter(event=event).exclude(
            key__in=[key for key, _ in wanted]
        ).delete()
        for order, (key, label) in enumerate(wanted):
            item = existing.get(key)
            if item and (item.label, item.sort_order) != (label, order):
                item.label, item.sort_order = label, order
                item.save(update_fields=["label", "sort_order"])
        ChecklistItem.objects.bulk_create(
            [
                ChecklistItem(event=event, key=key, label=label, sort_order=order)
                for order, (key, label) in enumerate(wanted)
                if key not in existing
            ],
            # Two officers opening the kit at once both add the new items: one wins.
            ignore_conflicts=True,
        )
        key_event_record.keep_in_step(event)
    return list(ChecklistItem.objects.filter(event=event).order_by("sort_order", "pk"))


@transaction.atomic
def set_done(event, item_id: int, *, done: bool, by) -> ChecklistItem:
    """Tick (or untick) one item of the event's checklist as `by`, recording who and
    when, in the audit log too, and keeping the hub's record in step. Ticking a ticked
    item changes nothing (the first tick stands). Raises ChecklistItem.DoesNotExist if
    the item is not on this event's checklist."""
    item = ChecklistItem.objects.select_for_update().get(event=event, pk=item_id)
    if item.is_done == done:
        return item
    item.done_at = timezone.now() if done else None
    # A full name (first and last, each up to 150 characters) may not fit the column.
    name_length = ChecklistItem._meta.get_field("done_by_name").max_length
    item.done_by_name = str(by)[:name_length] if done else ""
    item.save(update_fields=["done_at", "done_by_name"])
    audit.record(
        "publicity.ticked" if done else "publicity.unticked",
        f"{'Ticked' if done else 'Unticked'} “{item.label}” for {event.title}",
        actor=by,
        constituency=Constituency.objects.current(),
        event_id=event.pk,
        event_title=event.title,
        item=item.key,
        label=item.label,
    )
    key_event_record.keep_in_step(event)
    return item
