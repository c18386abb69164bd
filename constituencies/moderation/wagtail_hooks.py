from django.urls import path, reverse
from wagtail import hooks

from roles.admin_access import CentralStaffOnHubMenuItem

from . import views


@hooks.register("register_admin_urls")
def register_pending_moderation_url():
    return [
        path(
            "moderation/pending/",
            views.PendingModerationView.as_view(),
            name="moderation_pending",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_pending_moderation_menu_item():
    return CentralStaffOnHubMenuItem(
        "Drafts waiting",
        reverse("moderation_pending"),
        icon_name="tasks",
        order=160,
    )
