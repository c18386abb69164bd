from django.apps import AppConfig


class SignupsConfig(AppConfig):
    name = "constituencies.signups"
    label = "signups"
    verbose_name = "Event sign-ups"
    admin_belongs_on = "constituencies"
    admin_menu_items = ("signups",)
    admin_paths = ("/admin/signups/",)

    def ready(self):
        from wagtail.signals import page_published

        from constituencies.website.models import EventPage

        from .registration import event_changed

        # An officer may raise an event's capacity or move it: sign-ups follow at once.
        def follow(instance, **kwargs):
            event_changed(instance)

        page_published.connect(follow, sender=EventPage, dispatch_uid="signups-follow", weak=False)
