"""What is new in the rulebook since a moment: editions published, and procedures
added or updated."""

import datetime as dt

from django.utils import timezone

from membersnet.whats_new_item import WhatsNewItem

from .models import Edition, Procedure


def new_since(since: dt.datetime | None, limit: int = 5) -> list[WhatsNewItem]:
    """Newest first, at most `limit`. An edition counts from the start of the day it
    was published (editions carry a date, not a time), so one published on the day
    of someone's last visit still shows to them."""
    editions = Edition.objects.published().order_by("-published_on", "-year")
    procedures = Procedure.objects.order_by("-updated_at")
    if since is not None:
        editions = editions.filter(published_on__gte=timezone.localdate(since))
        procedures = procedures.filter(updated_at__gt=since)
    items = [_edition_item(edition) for edition in editions[:limit]]
    items += [_procedure_item(procedure) for procedure in procedures.defer("body")[:limit]]
    return sorted(items, key=lambda item: item.at, reverse=True)[:limit]


def _edition_item(edition) -> WhatsNewItem:
    return WhatsNewItem(
        kind="Rulebook",
        title=edition.title,
        url=edition.get_absolute_url(),
        at=_start_of(edition.published_on),
        summary=edition.note or f"The {edition.year} edition of the rulebook is published.",
    )


def _procedure_item(procedure) -> WhatsNewItem:
    updated = procedure.updated_at - procedure.created_at > dt.timedelta(minutes=1)
    return WhatsNewItem(
        kind="Procedure",
        title=f"{procedure.title} (updated)" if updated else procedure.title,
        url=procedure.get_absolute_url(),
        at=procedure.updated_at,
        summary=procedure.summary,
    )


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
