from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "constituencies.contact"
    label = "contact"
    verbose_name = "Messages to the MP or candidate"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)
