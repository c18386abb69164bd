"""Governance's admin areas: the online-presence group (register, reports, disputes
cases, units) on the hub, the same register and reports in each constituency's own
menu, and the compliance dashboard and audit trail (registered by
governance.compliance.admin)."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from governance.compliance import admin as compliance_admin  # noqa: F401 - registers its hooks
from governance.disputes.admin import DisputesViewSet
from governance.disputes.team import in_team_group, record_membership_change
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


# Central staff add and remove the disputes team's members in the hub's Users admin
# (its "Roles" tab); Wagtail's hooks around the edit are the one place that knows who
# did it, so the change is audited here.
@hooks.register("before_edit_user")
def remember_disputes_team_membership(request, user):
    request.disputes_team_before = in_team_group(user)


@hooks.register("after_edit_user")
def audit_disputes_team_membership(request, user):
    before = getattr(request, "disputes_team_before", False)
    record_membership_change(user, was_in_group=before, actor=request.user)


@hooks.register("after_create_user")
def audit_new_user_in_disputes_team(request, user):
    record_membership_change(user, was_in_group=False, actor=request.user)
