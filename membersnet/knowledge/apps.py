from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "membersnet.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge bank"
    admin_belongs_on = "hub"  # curated on the hub; hidden in constituencies' admins
    admin_menu_items = ("knowledge-bank",)
