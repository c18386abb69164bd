from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    label = "campaigns"
    verbose_name = "National campaigns"
    admin_belongs_on = "hub"  # published by central staff; hidden in constituencies' admins
    admin_menu_items = ("national-campaigns",)

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)
