"""Retire a site's cached pages when what its visitors see changes.

Signals are the right tool here: Wagtail's page signals are the only hooks that also
fire for scheduled publishing (a Celery task) and for pages deleted with their
parents, and representatives, settings and images are saved by Wagtail's own admin
views. Each receiver only asks for a purge; `constituencies.page_cache` does it once
the change commits.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from constituencies.models import Constituency
from constituencies.page_cache import purge_paths, purge_paths_everywhere, purge_site
from constituencies.signups.places import event_changed
from privacy.models import NoticeKind
from privacy.notices import NOTICE_PATH, NOTICE_PATHS
from privacy.signals import notice_changed

from .models import EventPage, Representative, SiteSettings


# The page itself, its section's listings, the home page, the feeds, the calendar, the
# sitemap and (for a page in the menu) the navigation on every page may all show it.
@receiver(page_published, dispatch_uid="purge-site-on-publish")
@receiver(page_unpublished, dispatch_uid="purge-site-on-unpublish")
@receiver(page_slug_changed, dispatch_uid="purge-site-on-slug-change")
@receiver(post_page_move, dispatch_uid="purge-site-on-move")
def purge_site_when_a_page_changes(**kwargs):
    purge_site()


# The notice's wording is kept once for every site (or for the hub), and staff change
# it in the hub's admin, which can only tell the sites through a signal.
@receiver(notice_changed, dispatch_uid="purge-privacy-notices")
def purge_the_privacy_notice_everywhere(notice, **kwargs):
    if notice.kind == NoticeKind.CONSTITUENCY:
        purge_paths_everywhere(NOTICE_PATHS)
    else:
        purge_paths([NOTICE_PATH], Constituency.objects.filter(kind=Constituency.Kind.HUB).first())


@receiver(post_save, sender=Representative, dispatch_uid="purge-site-on-representative")
@receiver(post_delete, sender=Representative, dispatch_uid="purge-site-on-representative-gone")
def purge_site_when_the_representative_changes(**kwargs):
    purge_site()


@receiver(post_save, sender=SiteSettings, dispatch_uid="purge-site-on-settings")
def purge_site_when_its_settings_change(created, **kwargs):
    # A settings row is made on a site's first visit; only a change to one is news.
    if not created:
        purge_site()


# A replaced or deleted image takes its renditions with it: pages must not keep
# pointing at them.
@receiver(post_save, sender=get_image_model(), dispatch_uid="purge-site-on-image")
@receiver(post_delete, sender=get_image_model(), dispatch_uid="purge-site-on-image-gone")
def purge_site_when_an_image_changes(created=False, **kwargs):
    if not created:
        purge_site()


# Making a page private (or public again) changes who may see it and what listings show;
# the site's chrome also remembers which pages are restricted.
@receiver(post_save, sender=PageViewRestriction, dispatch_uid="purge-site-on-restriction")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="purge-site-on-restriction-gone")
def purge_site_when_a_page_is_restricted(**kwargs):
    purge_site()


@receiver(page_published, sender=EventPage, dispatch_uid="signups-follow")
def let_sign_ups_follow_the_event(instance, **kwargs):
    """An officer may raise an event's capacity or move it: sign-ups follow at once."""
    event_changed(instance)
