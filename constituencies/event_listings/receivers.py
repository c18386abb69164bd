"""Signal receivers of the hub's event index: each keeps `index` in step with a change
to the sites, and asks for the hub's /events/ page to be purged.

Signals are the right tool here: Wagtail's page signals are the only hooks that also
fire for scheduled publishing and expiry (a command, not a view), moves and slug changes
made by Wagtail's own admin, and view restrictions are saved by Wagtail's admin views;
status changes and deletions of constituencies come from several places (the staff
admin, commands, a backup's restore).
"""

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_tenants.utils import get_public_schema_name
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from constituencies.models import Constituency, Domain
from constituencies.signals import constituency_status_changed
from constituencies.website.models import EventPage

from . import index
from .models import EventListing


def _in_a_site_schema() -> bool:
    return connection.schema_name != get_public_schema_name()


@receiver(page_published, sender=EventPage, dispatch_uid="event-listings-published")
@receiver(page_unpublished, sender=EventPage, dispatch_uid="event-listings-unpublished")
def list_a_published_or_unpublished_event(instance, **kwargs):
    """Published (or republished, changed), the event is listed as it is now;
    unpublished (or expired, or about to be deleted), it is not."""
    if _in_a_site_schema():
        index.keep_in_step(instance)
        index.purge_hub_events()


@receiver(post_delete, sender=EventPage, dispatch_uid="event-listings-deleted")
def forget_a_deleted_event(instance, **kwargs):
    """Forgotten; and a translation it kept off the index (as the same event) is now
    listed in its place."""
    if _in_a_site_schema():
        index.keep_in_step(instance)
        index.purge_hub_events()


@receiver(post_page_move, dispatch_uid="event-listings-moved")
@receiver(page_slug_changed, dispatch_uid="event-listings-slug-changed")
def relist_events_that_moved(instance, **kwargs):
    """A moved or renamed page changes its events' addresses, and a move can take an
    event under a private section (or out of one)."""
    if not _in_a_site_schema():
        return
    if issubclass(instance.specific_class or type(instance), EventPage):
        index.keep_in_step(instance)
    elif instance.numchild:
        index.rebuild_current_index()
    else:
        return
    index.purge_hub_events()


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="event-listings-restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="event-listings-unrestricted")
def relist_events_when_pages_go_private(**kwargs):
    """A restriction on a section hides every event below it: private pages are never
    listed on the hub."""
    if _in_a_site_schema():
        index.rebuild_current_index()
        index.purge_hub_events()


@receiver(post_save, sender=Domain, dispatch_uid="event-listings-domain-saved")
def relist_events_on_a_new_primary_domain(instance, **kwargs):
    """Listings link to events on their site's primary domain. A site being provisioned
    (or deleted) has no listings, and may have no schema yet: it is left alone."""
    if (
        instance.is_primary
        and EventListing.objects.filter(constituency_id=instance.tenant_id).exists()
    ):
        index.rebuild_index(Constituency.objects.get(pk=instance.tenant_id))
        index.purge_hub_events()


@receiver(constituency_status_changed, dispatch_uid="event-listings-status")
def show_or_hide_listings_of_a_constituency(constituency, **kwargs):
    """The hub shows only active sites' events (`EventListing.objects.shown`): a site
    that comes back is listed afresh, in case its events changed while it was away."""
    if constituency.is_active:
        index.rebuild_index(constituency)
    index.purge_hub_events()


@receiver(post_delete, sender=Constituency, dispatch_uid="event-listings-constituency-gone")
def purge_listings_of_a_deleted_constituency(**kwargs):
    # Its listings go with it (on_delete=CASCADE); the hub's cached pages must too.
    index.purge_hub_events()
