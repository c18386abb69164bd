"""Governance's admin areas: the online-presence group (register, reports, units) on
the hub, the same register and reports in each constituency's own menu, and the
compliance dashboard and audit trail (registered by governance.compliance.admin)."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from governance.compliance import admin as compliance_admin  # noqa: F401 - registers its hooks
from governance.register.admin import RegisterViewSet, UnitViewSet
from governance.register.entries import may_keep_register
from governance.reports.admin import ReportsViewSet
from labourhub.tenancy import current_tenant, on_hub


class GovernanceRegisterGroup(ViewSetGroup):
    menu_label = "Online presence"
    menu_name = "governance-register"
    menu_icon = "globe"
    menu_order = 340
    items = (RegisterViewSet, ReportsViewSet, UnitViewSet)


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
