"""Governance's admin areas: the online-presence group (register, reports, disputes
cases, units) on the hub, the same register and reports in each constituency's own
menu, and the compliance dashboard and audit trail (registered by
governance.compliance.admin)."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from governance.account_changes import (
    NEW_ACCOUNT,
    account_state,
    record_account_changes,
    record_account_deleted,
    record_bulk_changes,
    remember_accounts,
)
from governance.compliance import admin as compliance_admin  # noqa: F401 - registers its hooks
from governance.disputes.admin import DisputesViewSet
from governance.register.admin import RegisterViewSet, UnitViewSet
from governance.register.entries import may_keep_register
from governance.reports.admin import ReportsViewSet
from labourhub.tenancy import current_tenant, on_hub


class GovernanceRegisterGroup(ViewSetGroup):
    menu_label = "Online presence"
    menu_name = "governance-register"
    menu_icon = "globe"
    menu_order = 340
    items = (RegisterViewSet, ReportsViewSet, DisputesViewSet, UnitViewSet)


@hooks.register("register_admin_viewset")
def register_governance_register():
    return GovernanceRegisterGroup()


class OnConstituencySiteMenuItem(MenuItem):
    def is_shown(self, request):
        return not on_hub()


class RegisterKeepersMenuItem(MenuItem):
    def is_shown(self, request):
        tenant = current_tenant()
        return not on_hub() and may_keep_register(request.user, tenant)


@hooks.register("register_admin_menu_item")
def register_constituency_online_presence_menu():
    return SubmenuMenuItem(
        "Online presence",
        Menu(
            items=[
                OnConstituencySiteMenuItem(
                    "Register",
                    reverse("online_presence:index"),
                    name="online-presence-register",
                    icon_name="globe",
                    order=1,
                ),
                RegisterKeepersMenuItem(
                    "Reports",
                    reverse("presence_reports:index"),
                    name="online-presence-reports",
                    icon_name="warning",
                    order=2,
                ),
            ]
        ),
        name="online-presence",
        icon_name="globe",
        order=340,
    )


# Central staff change people's accounts in the hub's Users admin (made central staff,
# deactivated, put in the disputes team, deleted); Wagtail's hooks around those views are
# the one place that knows who did it, so the changes are audited here.
@hooks.register("before_edit_user")
def remember_account_state(request, user):
    request.account_state_before = account_state(user)


@hooks.register("after_edit_user")
def audit_account_changes(request, user):
    before = getattr(request, "account_state_before", None) or account_state(user)
    record_account_changes(user, before=before, actor=request.user)


@hooks.register("after_create_user")
def audit_new_account(request, user):
    record_account_changes(user, before=NEW_ACCOUNT, actor=request.user)


@hooks.register("before_delete_user")
def remember_deleted_account(request, user):
    request.deleted_account = (user.pk, user.email, str(user))


@hooks.register("after_delete_user")
def audit_deleted_account(request, user):
    user_pk, email, name = request.deleted_account
    record_account_deleted(user_pk, email, name, actor=request.user)


@hooks.register("before_bulk_action")
def remember_accounts_before_bulk_action(request, action_type, objects, action):
    if action.model is get_user_model():
        request.accounts_before_bulk_action = remember_accounts(objects)


@hooks.register("after_bulk_action")
def audit_bulk_account_changes(request, action_type, objects, action):
    remembered = getattr(request, "accounts_before_bulk_action", None)
    if remembered is not None and action.model is get_user_model():
        record_bulk_changes(remembered, actor=request.user)
