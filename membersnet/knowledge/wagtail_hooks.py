"""The knowledge bank in the hub's admin, under one "Knowledge bank" menu: facts (with
their sources inline), topics, and two reports for staff. The menu's name is
"knowledge-bank", which constituency sites hide (constituencies/website/wagtail_hooks.py)."""

from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from labourhub.tenancy import on_hub

from . import admin_views
from .forms import FactAdminForm
from .models import Fact, Topic


class HubOnlyPermissionPolicy(ModelPermissionPolicy):
    """The facts live in the hub's schema and are curated there: a constituency's admin,
    which could reach the same tables through the search path, grants nothing on them."""

    def user_has_permission(self, user, action):
        return on_hub() and super().user_has_permission(user, action)


class FactViewSet(SnippetViewSet):
    model = Fact
    icon = "clipboard-list"
    menu_label = "Facts"
    list_display = ["title", "figure", "review_by", "review_status", "updated_at"]
    list_filter = ["topics"]
    search_fields = ["title", "claim", "figure"]
    search_backend_name = None  # a plain database filter; no Wagtail search index
    ordering = ["-created_at"]
    inspect_view_enabled = True
    edit_handler = ObjectList(Fact.panels, base_form_class=FactAdminForm)

    @cached_property
    def permission_policy(self):
        return HubOnlyPermissionPolicy(self.model)


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    search_backend_name = None

    @cached_property
    def permission_policy(self):
        return HubOnlyPermissionPolicy(self.model)


class CentralStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_central_staff and on_hub()


class ReportViewSet(ViewSet):
    """One staff screen, with its menu item."""

    view_class = None
    menu_item_class = CentralStaffMenuItem

    def get_urlpatterns(self):
        return [path("", self.view_class.as_view(), name="index")]


class MostSharedViewSet(ReportViewSet):
    name = "knowledge_most_shared"
    url_prefix = "knowledge-bank/most-shared"
    icon = "list-ol"
    menu_label = "Most shared"
    view_class = admin_views.MostSharedView


class NeedsRecheckingViewSet(ReportViewSet):
    name = "knowledge_needs_rechecking"
    url_prefix = "knowledge-bank/needs-rechecking"
    icon = "warning"
    menu_label = "Needs re-checking"
    view_class = admin_views.NeedsRecheckingView


class KnowledgeBankGroup(ViewSetGroup):
    menu_label = "Knowledge bank"
    menu_name = "knowledge-bank"
    menu_icon = "clipboard-list"
    menu_order = 330
    items = (FactViewSet, TopicViewSet, MostSharedViewSet, NeedsRecheckingViewSet)


register_snippet(KnowledgeBankGroup)
