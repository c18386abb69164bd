from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "publicity"
    label = "publicity"
    verbose_name = "Key event publicity"
    admin_belongs_on = "constituencies"
    admin_paths = ("/admin/publicity/",)

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from constituencies.website.models import EventPage

        from . import records

        # The hub's record of each key event follows the event through its life.
        def published(instance, **kwargs):
            records.event_published(instance)

        def unpublished_or_moved(instance, **kwargs):
            records.keep_in_step(instance.specific)

        def deleted(instance, **kwargs):
            records.forget(instance.pk)

        page_published.connect(
            published, sender=EventPage, dispatch_uid="publicity-published", weak=False
        )
        page_unpublished.connect(
            unpublished_or_moved, sender=EventPage, dispatch_uid="publicity-unpublished", weak=False
        )
        post_page_move.connect(
            unpublished_or_moved, sender=EventPage, dispatch_uid="publicity-moved", weak=False
        )
        post_delete.connect(deleted, sender=EventPage, dispatch_uid="publicity-deleted", weak=False)
