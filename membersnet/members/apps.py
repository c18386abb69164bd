from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "membersnet.members"
    label = "members"
    verbose_name = "Members"
    admin_belongs_on = "hub"  # curated on the hub; hidden in constituencies' admins
    admin_menu_items = ("members",)
