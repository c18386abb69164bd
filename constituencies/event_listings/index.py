"""Keeping the hub's index of events (EventListing) in step with the constituencies'
sites: its only writer. The receivers call `keep_in_step` and `forget` as events change,
`rebuild_index` when a change may touch many events at once (a section moved or made
private, a domain changed, a site reactivated or restored from a backup);
`rebuild_every_index` does it for every site (the `index_events` command, and
`setup_platform` while the index is empty).

Each runs in the constituency's schema: the listings table lives in the shared (public)
schema, which is on every tenant's search path, so it is written from there as it is.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django_tenants.utils import schema_context

from constituencies.models import Constituency
from constituencies.page_cache import purge_paths
from constituencies.website.models import EventPage
from constituencies.website.once_per_translation import once_per_translation

from .models import EventListing

HUB_EVENTS_PATH = "/events/"
_COPIED_FIELDS = (
    "title",
    "summary",
    "starts_at",
    "ends_at",
    "activity_type",
    "venue",
    "postcode",
    "is_key_event",
)


def listable_events():
    """The events of the current schema that the hub lists: live, not behind a view
    restriction (on them or an ancestor: Wagtail's `public()`), and not aliases of
    another event, which would list it twice. A Welsh translation is the same event:
    each is listed once, in English, or in Welsh where it has no live English version."""
    events = EventPage.objects.live().public().filter(alias_of__isnull=True)
    return once_per_translation(events, settings.LANGUAGE_CODE)


def _listing(event, constituency) -> EventListing | None:
    parts = event.get_url_parts()
    if parts is None:  # not under the site's home page: nobody can visit it
        return None
    fields = {name: getattr(event, name) for name in _COPIED_FIELDS}
    return EventListing(
        constituency=constituency,
        page_id=event.pk,
        url=constituency.url_for(path=parts[2]),
        **fields,
    )


def _current_site() -> Constituency | None:
    constituency = Constituency.objects.current()
    return constituency if constituency is not None and constituency.is_site else None


def keep_in_step(event) -> EventListing | None:
    """Make the hub's listing of `event` (an EventPage of the current schema) say what
    the event says now: listed if it is listable, forgotten otherwise; and the same for
    its translations, since whether one of them is listed depends on the others. Returns
    the listing of `event`, if any."""
    constituency = _current_site()
    if constituency is None:
        return None
    translations = EventPage.objects.filter(translation_key=event.translation_key).exclude(
        pk=event.pk
    )
    for translation in translations:
        _keep_one_in_step(translation, constituency)
    return _keep_one_in_step(event, constituency)


def _keep_one_in_step(event, constituency) -> EventListing | None:
    # Read again: the signal's copy may be stale (a move) or unsaved (an unpublish
    # before a delete).
    current = listable_events().filter(pk=event.pk).first() if event.live else None
    listing = _listing(current, constituency) if current is not None else None
    if listing is None:
        forget(event.pk)
        return None
    defaults = {name: getattr(listing, name) for name in (*_COPIED_FIELDS, "url")}
    listing, _ = EventListing.objects.update_or_create(
        constituency=constituency, page_id=event.pk, defaults=defaults
    )
    return listing


def forget(page_id: int) -> None:
    """The event is gone or no longer listable: the hub forgets it."""
    constituency = _current_site()
    if constituency is not None:
        EventListing.objects.filter(constituency=constituency, page_id=page_id).delete()


@dataclass(frozen=True)
class Rebuilt:
    constituency: Constituency
    listed: int
    removed: int


def rebuild_index(constituency: Constituency) -> Rebuilt:
    """Make the hub's listings of `constituency` exactly its listable events, whatever
    they were before (missing, stale, or of pages since deleted). Safe to repeat."""
    with schema_context(constituency.schema_name):
        events = listable_events().select_related(None)
        listings = [
            listing
            for listing in (_listing(event, constituency) for event in events)
            if listing is not None
        ]
    with transaction.atomic():
        removed, _ = (
            EventListing.objects.filter(constituency=constituency)
            .exclude(page_id__in=[listing.page_id for listing in listings])
            .delete()
        )
        EventListing.objects.bulk_create(
            listings,
            update_conflicts=True,
            unique_fields=["constituency", "page_id"],
            update_fields=[*_COPIED_FIELDS, "url", "updated_at"],
        )
    return Rebuilt(constituency=constituency, listed=len(listings), removed=removed)


def rebuild_every_index(constituencies=None) -> list[Rebuilt]:
    """`rebuild_index` for each of `constituencies` (by default every site, whatever its
    status: a suspended site's rows are hidden, not dropped), then purge the hub's page."""
    if constituencies is None:
        constituencies = Constituency.objects.sites().order_by("schema_name")
    rebuilt = [rebuild_index(constituency) for constituency in constituencies]
    purge_hub_events()
    return rebuilt


def ensure_index() -> list[Rebuilt]:
    """Fill an empty index from every site: the first deploy with the index, or a
    database restored without it. Otherwise the receivers keep it in step, and this
    costs one query."""
    if EventListing.objects.exists():
        return []
    return rebuild_every_index()


def rebuild_current_index() -> None:
    """`rebuild_index` for the constituency whose schema is active, if it is a site."""
    constituency = _current_site()
    if constituency is not None:
        rebuild_index(constituency)


def purge_hub_events() -> None:
    """Retire the hub's cached /events/ pages once the change commits."""
    hub = Constituency.objects.filter(kind=Constituency.Kind.HUB).first()
    if hub is not None:
        purge_paths([HUB_EVENTS_PATH], hub)
