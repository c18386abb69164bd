from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "constituencies.website"
    label = "website"
    verbose_name = "Constituency website"
