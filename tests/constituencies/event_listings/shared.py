"""What the event index tests share: publishing events as an officer would."""

import datetime as dt

from django.utils import timezone
from django.utils.text import slugify

from constituencies.event_listings.models import EventListing
from constituencies.website.models import ActivityType
from tests.factories import add_event


def publish_event(title, starts_in_days=7, hours=2, **fields):
    """An event in the current schema, published through a revision as Wagtail's admin
    (and the demo, and scheduled publishing) does: the way page_published is sent."""
    page = add_event(title, starts_in_days=starts_in_days, hours=hours, **fields)
    page.save_revision().publish()
    return page


def listed_titles(constituency=None) -> list[str]:
    listings = EventListing.objects.order_by("starts_at")
    if constituency is not None:
        listings = listings.filter(constituency=constituency)
    return list(listings.values_list("title", flat=True))


def make_listing(constituency, title, starts_in_days=7, hours=2, **fields):
    """A listing as the index would write it, for tests of the hub's page."""
    starts = timezone.now() + dt.timedelta(days=starts_in_days)
    fields.setdefault("activity_type", ActivityType.MEETING)
    fields.setdefault("summary", "An event.")
    return EventListing.objects.create(
        constituency=constituency,
        page_id=EventListing.objects.count() + 1000,
        title=title,
        url=f"http://{constituency.primary_domain}/events/{slugify(title)}/",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=hours),
        **fields,
    )
