from django.apps import AppConfig


class ConstituenciesConfig(AppConfig):
    name = "constituencies"
    verbose_name = "Constituencies"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)
