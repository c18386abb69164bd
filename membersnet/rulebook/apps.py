from django.apps import AppConfig


class RulebookConfig(AppConfig):
    name = "membersnet.rulebook"
    label = "rulebook"
    verbose_name = "Rulebook, procedures and standing orders"
    admin_belongs_on = "hub"  # curated on the hub; hidden in constituencies' admins
    admin_menu_items = ("rulebook",)
