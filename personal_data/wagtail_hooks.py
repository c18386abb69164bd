"""The hub's "Personal data" menu, for central staff only. Its items are registered with
the `register_personal_data_menu_item` hook, one per screen."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from roles.admin_access import CentralStaffOnHubMenuItem

from .retention_views import RetentionView

retention_urls = ([path("", RetentionView.as_view(), name="index")], "personal_data_retention")


@hooks.register("register_admin_urls")
def register_retention_urls():
    return [path("personal-data/retention/", include(retention_urls))]


@hooks.register("register_admin_menu_item")
def register_personal_data_menu():
    return SubmenuMenuItem(
        "Personal data",
        Menu(register_hook_name="register_personal_data_menu_item"),
        name="personal-data",
        icon_name="user",
        order=175,
    )


@hooks.register("register_personal_data_menu_item")
def register_retention_menu_item():
    return CentralStaffOnHubMenuItem(
        "Retention",
        reverse("personal_data_retention:index"),
        name="personal-data-retention",
        icon_name="time",
        order=300,
    )
