from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "publicity"
    label = "publicity"
    verbose_name = "Key event publicity"
    admin_belongs_on = "constituencies"
    admin_paths = ("/admin/publicity/",)

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)
