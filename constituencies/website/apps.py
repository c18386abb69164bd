from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "constituencies.website"
    label = "website"
    verbose_name = "Constituency website"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from .models import Representative, SiteSettings
        from .page_cache import purge_current_site

        # Anything published changes what visitors see: retire the site's cached pages.
        def purge(**kwargs):
            purge_current_site()

        # Settings rows are made on a site's first visit; only a change to one is news.
        def purge_changed_settings(created, **kwargs):
            if not created:
                purge_current_site()

        signals = {
            "published": page_published,
            "unpublished": page_unpublished,
            "slug-changed": page_slug_changed,
            "moved": post_page_move,
        }
        for name, signal in signals.items():
            signal.connect(purge, dispatch_uid=f"page-cache-{name}", weak=False)
        for signal, uid in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                purge, sender=Representative, dispatch_uid=f"page-cache-rep-{uid}", weak=False
            )
        post_save.connect(
            purge_changed_settings,
            sender=SiteSettings,
            dispatch_uid="page-cache-settings",
            weak=False,
        )
