"""Central staff's "Privacy notices" in the hub's admin: the two notices' wording, edited
once for every site, with a live preview as a chosen constituency's site shows it.
There is one notice of each kind (made by migration), so none is added or deleted."""

from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from labourhub.tenancy import on_hub

from .models import PrivacyNotice
from .notices import notice_edited

EDITING = {"change", "view"}


class CentralStaffEditOnHubPolicy(ModelPermissionPolicy):
    """The notices are central staff's, on the hub: a constituency's admin, which reaches
    the same table through its search path, grants nothing on them; nobody adds or
    deletes one."""

    def user_has_permission(self, user, action):
        return action in EDITING and on_hub() and user.is_active and user.is_central_staff

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class PrivacyNoticeViewSet(SnippetViewSet):
    model = PrivacyNotice
    icon = "lock"
    menu_label = "Privacy notices"
    menu_name = "privacy-notices"
    menu_order = 360
    add_to_admin_menu = True
    list_display = ["__str__", "version", "updated_at"]
    search_fields = None

    @cached_property
    def permission_policy(self):
        return CentralStaffEditOnHubPolicy(self.model)


register_snippet(PrivacyNoticeViewSet)


@hooks.register("after_edit_snippet")
def refresh_sites_showing_the_notice(request, instance):
    if isinstance(instance, PrivacyNotice):
        notice_edited(instance, by=request.user)
