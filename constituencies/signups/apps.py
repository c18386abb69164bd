from django.apps import AppConfig


class SignupsConfig(AppConfig):
    name = "constituencies.signups"
    label = "signups"
    verbose_name = "Event sign-ups"
    admin_belongs_on = "constituencies"
    admin_menu_items = ("signups",)
    admin_paths = ("/admin/signups/",)
