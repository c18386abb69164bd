from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "constituencies.website"
    label = "website"
    verbose_name = "Constituency website"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers
