from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "constituencies.website"
    label = "website"
    verbose_name = "Constituency website"
    # Its snippets (the representative) and settings live in constituency schemas; the
    # snippets index would list them too (the hub's snippets have their own menus).
    admin_belongs_on = "constituencies"
    admin_menu_items = ("snippets",)
    admin_settings_items = ("site-settings",)
    admin_paths = (
        "/admin/snippets/website/",
        "/admin/snippets/choose/website/",
        "/admin/settings/website/",
    )
    admin_exact_paths = ("/admin/snippets/",)

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)
