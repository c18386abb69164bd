"""Reordering a page among its siblings in the admin's page listing, in place of
Wagtail's own view at the same address (/admin/pages/<id>/set_position/).

Wagtail's view fails with a server error when asked about the root page (which has no
parent), answers a GET with an empty success, and moves a page to the end when the
position is missing or not a number. This one takes only a POST with a position among
the page's siblings, as the listing's drag-and-drop sends it, and says what is wrong
with anything else."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page


def _plain(response_class, message, *args):
    return response_class(*args, message, content_type="text/plain; charset=utf-8")


@never_cache
@require_admin_access
def set_page_position(request, page_to_move_id):
    if request.method != "POST":
        return _plain(
            HttpResponseNotAllowed,
            "Pages are reordered by dragging them in the page listing.",
            ["POST"],
        )
    page = get_object_or_404(Page, id=page_to_move_id)
    parent = page.get_parent()
    if parent is None:
        return _plain(HttpResponseBadRequest, "The root of the page tree can't be reordered.")
    if not parent.permissions_for_user(request.user).can_reorder_children():
        raise PermissionDenied
    siblings = list(parent.get_children())
    last = len(siblings) - 1
    try:
        new_index = int(request.GET["position"])
    except (KeyError, ValueError):
        new_index = -1
    if not 0 <= new_index <= last:
        return _plain(
            HttpResponseBadRequest,
            f"Give the page's new position among its siblings: a whole number from 0 to {last}.",
        )
    old_index = siblings.index(page)
    if new_index < old_index:
        page.move(siblings[new_index], pos="left", user=request.user)
    elif new_index > old_index:
        page.move(siblings[new_index], pos="right", user=request.user)
    return HttpResponse("")


# Listed before Wagtail's admin URLs, at the same address, so the listing's
# drag-and-drop (which reverses Wagtail's URL name) reaches this view.
urlpatterns = [path("admin/pages/<int:page_to_move_id>/set_position/", set_page_position)]
