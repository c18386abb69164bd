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

        # Anything published changes what visitors see; retire the site's cached pages.
        def purge(**kwargs):
            purge_current_site()

        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(purge, dispatch_uid=f"page-cache-{signal}", weak=False)
        for model in (Representative, SiteSettings):
            post_save.connect(
                purge, sender=model, dispatch_uid=f"page-cache-save-{model}", weak=False
            )
            post_delete.connect(
                purge, sender=model, dispatch_uid=f"page-cache-del-{model}", weak=False
            )
