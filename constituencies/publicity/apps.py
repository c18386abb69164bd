from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "constituencies.publicity"
    label = "publicity"
    verbose_name = "Key event publicity"
