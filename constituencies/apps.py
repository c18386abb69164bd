from django.apps import AppConfig


class ConstituenciesConfig(AppConfig):
    name = "constituencies"
    verbose_name = "Constituencies"
