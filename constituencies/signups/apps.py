from django.apps import AppConfig


class SignupsConfig(AppConfig):
    name = "constituencies.signups"
    label = "signups"
    verbose_name = "Event sign-ups"

    def ready(self):
        from wagtail.signals import page_published

        from constituencies.website.models import EventPage

        from .registration import refill_places

        # An officer may raise an event's capacity: people waiting move up at once.
        def refill(instance, **kwargs):
            refill_places(instance)

        page_published.connect(refill, sender=EventPage, dispatch_uid="refill-places", weak=False)
