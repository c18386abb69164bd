"""The hub's copy of each key event, so central staff see every constituency's key events
and how far each is publicised without visiting hundreds of schemas. The model is
governance.models.KeyEventRecord and governance's compliance dashboard reads it; this is
its only writer. Every change to a key event (publicity.receivers) or its checklist
(publicity.checklist) calls one of these."""

from django.conf import settings
from django.db.models import Count, Q

from constituencies.models import Constituency
from constituencies.website.models import EventPage
from constituencies.website.once_per_translation import once_per_translation
from governance.models import KeyEventRecord

from .models import ChecklistItem


def _path(event) -> str:
    parts = event.get_url_parts()
    return parts[2] if parts else event.url_path


def counted_key_events():
    """The live key events of the active constituency, each once: a Welsh translation
    is the same event as its English source (and a key event too, copied from it), so
    it counts only while no English version is live."""
    events = EventPage.objects.live().filter(is_key_event=True)
    return once_per_translation(events, settings.LANGUAGE_CODE)


def keep_translations_in_step(event) -> None:
    """Whether a version of an event counts depends on the others: after a change to
    `event`, its translations' records follow."""
    translations = EventPage.objects.filter(translation_key=event.translation_key)
    for translation in translations.exclude(pk=event.pk):
        keep_in_step(translation)


def keep_in_step(event) -> KeyEventRecord | None:
    """Make the hub's record of `event` (an EventPage of the active constituency) say
    what the event and its checklist say now. A live key event has exactly one record;
    any other event (not key, not live) has none. Returns the record, if any."""
    constituency = Constituency.objects.current()
    if not (event.live and event.is_key_event) or (
        not counted_key_events().filter(pk=event.pk).exists()
    ):
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
