"""Personal data's screens in the hub's admin, for central staff only, under one
"Personal data" menu."""

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


# The menu's screens: label, URL name, item name, icon.
MENU = [
    ("Find a person", f"{admin_views.FIND}:index", "personal-data-find", "search"),
    ("Requests", f"{admin_views.REQUESTS}:index", "personal-data-requests", "list-ul"),
    ("Erase a person", "personal_data_erasure:index", "personal-data-erase", "bin"),
    ("Retention", "personal_data_retention:index", "personal-data-retention", "time"),
]


@hooks.register("register_admin_menu_item")
def register_personal_data_menu():
    items = [
        CentralStaffOnHubMenuItem(label, reverse(url), name=name, icon_name=icon, order=order)
        for order, (label, url, name, icon) in enumerate(MENU)
    ]
    return SubmenuMenuItem(
        "Personal data", Menu(items=items), name="personal-data", icon_name="lock", order=165
    )
