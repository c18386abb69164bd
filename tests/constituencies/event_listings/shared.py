"""What the event index tests share: publishing events as an officer would."""

from constituencies.event_listings.models import EventListing
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
