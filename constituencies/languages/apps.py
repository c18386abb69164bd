from django.apps import AppConfig


class LanguagesConfig(AppConfig):
    """Welsh beside English on the constituency sites: which sites offer it, the
    language of each request, translating pages, and keeping the two in step."""

    name = "constituencies.languages"
    label = "languages"
    verbose_name = "Languages"
    # wagtail-localize's screens translate a constituency's pages into Welsh; the hub
    # offers no Welsh, so they are hidden and "not found" there.
    admin_belongs_on = "constituencies"
    admin_reports_items = ("translations",)
    admin_paths = ("/admin/localize/",)

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)
