"""Who may reach the hub-only parts of the admin: central staff, on the hub."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django_tenants.utils import get_tenant_model
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from labourhub.tenancy import on_hub

CONSTITUENCIES_ON_HUB = "Constituencies are managed from the hub."


def require_central_staff_on_hub(request, elsewhere: str = "This is managed from the hub."):
    """Refuse anyone but central staff, and answer "not found" (`elsewhere`) in a
    constituency's admin, where the page does not exist."""
    if not on_hub():
        raise Http404(elsewhere)
    if not request.user.is_central_staff:
        raise PermissionDenied


class CentralStaffOnHubMenuItem(MenuItem):
    """An admin menu item only central staff see, and only on the hub."""

    def is_shown(self, request):
        return request.user.is_central_staff and on_hub()


def get_site_or_404(pk):
    """A constituency's site (not the hub, not the template) by its id, or 404."""
    return get_object_or_404(get_tenant_model().objects.sites(), pk=pk)


class StaffView(WagtailAdminTemplateMixin):
    """Central staff's screens about constituencies, under "Constituencies" in the hub's
    admin."""

    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        require_central_staff_on_hub(request, CONSTITUENCIES_ON_HUB)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("constituencies_admin:index"), "label": "Constituencies"},
        ]
        if self.get_page_title() != "Constituencies":
            items.append({"url": "", "label": self.get_page_title()})
        return items
