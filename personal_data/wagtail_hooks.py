"""Personal data's screens in the hub's admin, for central staff only: the "Personal
data" menu, whose items are registered with the `register_personal_data_menu_item`
hook, one per screen."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from roles.admin_access import CentralStaffOnHubMenuItem

from . import admin_views, erasure_views
from .retention_views import RetentionView

retention_urls = ([path("", RetentionView.as_view(), name="index")], "personal_data_retention")


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    return [
        path(
            "personal-data/",
            include((admin_views.find_urlpatterns, admin_views.FIND), namespace=admin_views.FIND),
        ),
        path(
            "personal-data/requests/",
            include(
                (admin_views.request_urlpatterns, admin_views.REQUESTS),
                namespace=admin_views.REQUESTS,
            ),
        ),
        path("personal-data/retention/", include(retention_urls)),
        path(
            "personal-data/erase/",
            include(
                (erasure_views.urlpatterns, erasure_views.app_name),
                namespace=erasure_views.app_name,
            ),
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_personal_data_menu():
    return SubmenuMenuItem(
        "Personal data",
        Menu(register_hook_name="register_personal_data_menu_item"),
        name="personal-data",
        icon_name="lock",
        order=165,
    )


@hooks.register("register_personal_data_menu_item")
def register_find_menu_item():
    return CentralStaffOnHubMenuItem(
        "Find a person",
        reverse(f"{admin_views.FIND}:index"),
        name="personal-data-find",
        icon_name="search",
        order=100,
    )


@hooks.register("register_personal_data_menu_item")
def register_requests_menu_item():
    return CentralStaffOnHubMenuItem(
        "Requests",
        reverse(f"{admin_views.REQUESTS}:index"),
        name="personal-data-requests",
        icon_name="list-ul",
        order=150,
    )


@hooks.register("register_personal_data_menu_item")
def register_erasure_menu_item():
    return CentralStaffOnHubMenuItem(
        "Erase a person",
        reverse("personal_data_erasure:index"),
        name="personal-data-erase",
        icon_name="bin",
        order=200,
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
