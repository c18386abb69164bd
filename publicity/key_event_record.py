"""The hub's copy of each key event, so central staff see every constituency's key events
and how far each is publicised without visiting hundreds of schemas. The model is
governance.models.KeyEventRecord and governance's compliance dashboard reads it; this is
its only writer. Every change to a key event (publicity.receivers) or its checklist
(publicity.checklist) calls one of these."""

from django.db.models import Count, Q

from constituencies.models import Constituency
from governance.models import KeyEventRecord

from .models import ChecklistItem


def _path(event) -> str:
    parts = event.get_url_parts()
    return parts[2] if parts else event.url_path


def keep_in_step(event) -> KeyEventRecord | None:
    """Make the hub's record of `event` (an EventPage of the active constituency) say
    what the event and its checklist say now. A live key event has exactly one record;
    any other event (not key, not live) has none. Returns the record, if any."""
    constituency = Constituency.objects.current()
    if not (event.live and event.is_key_event):
        forget(event.pk)
        return None
    counts = ChecklistItem.objects.filter(event_id=event.pk).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False))
    )
    record, _ = KeyEventRecord.objects.update_or_create(
        constituency=constituency,
        event_id=event.pk,
        defaults={
            "title": event.title,
            "starts_at": event.starts_at,
            "path": _path(event)[:500],
            "items_total": counts["total"],
            "items_done": counts["done"],
        },
    )
    return record


def forget(event_id: int) -> None:
    """The event is gone (deleted) or no longer counts: the hub forgets it."""
    KeyEventRecord.objects.filter(
        constituency=Constituency.objects.current(), event_id=event_id
    ).delete()
