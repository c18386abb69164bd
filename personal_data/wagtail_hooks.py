"""Personal data's screens in the hub's admin, for central staff: the "Personal data"
menu and its pages."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from roles.admin_access import CentralStaffOnHubMenuItem

from . import erasure_views


@hooks.register("register_admin_urls")
def register_erasure_urls():
    return [
        path(
            "personal-data/erase/",
            include(
                (erasure_views.urlpatterns, erasure_views.app_name),
                namespace=erasure_views.app_name,
            ),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_personal_data_menu():
    return SubmenuMenuItem(
        "Personal data",
        Menu(
            items=[
                CentralStaffOnHubMenuItem(
                    "Erase a person",
                    reverse("personal_data_erasure:index"),
                    name="personal-data-erase",
                    icon_name="bin",
                    order=20,
                ),
            ]
        ),
        name="personal-data",
        icon_name="lock",
        order=165,
    )
