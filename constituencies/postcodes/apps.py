from django.apps import AppConfig


class PostcodesConfig(AppConfig):
    name = "constituencies.postcodes"
    label = "postcodes"
    verbose_name = "Postcodes"
