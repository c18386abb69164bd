from django.apps import AppConfig


class EventListingsConfig(AppConfig):
    name = "constituencies.event_listings"
    label = "event_listings"
    verbose_name = "Events across the party"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)
