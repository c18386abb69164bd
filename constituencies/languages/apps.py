from django.apps import AppConfig


class LanguagesConfig(AppConfig):
    """Welsh beside English on the constituency sites: which sites offer it, the
    language of each request, translating pages, and keeping the two in step."""

    name = "constituencies.languages"
    label = "languages"
    verbose_name = "Languages"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)
