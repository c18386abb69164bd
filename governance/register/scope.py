"""The register of online presence and the reports about it, in the Wagtail admin.

The same screens serve two audiences. In a constituency's admin they show the units
that constituency looks after (its CLP, its branches, the Local Campaign Forums it is
part of): its officers and editors read the register, its Secretary and Social Media
Officer keep it and read the reports. In the hub's admin central staff see, change
and work everything. The register's tables are in the shared schema, which every
constituency's search path also sees, so every query here is narrowed to the scope
the request is allowed, explicitly."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from governance.models import AccountReport, PartyUnit, PresenceEntry
from governance.register.entries import may_keep_register
from governance.register.units import units_of_constituency
from labourhub.tenancy import current_tenant, on_hub
from roles.access import current_roles

PER_PAGE = 50


class NotAllowed(Exception):
    """The request may see this area but not do this; answered with a 403 that says why."""


class Scope:
    """What one request may see and do. `constituency` is None on the hub."""

    def __init__(self, *, constituency, units, can_edit: bool):
        self.constituency = constituency
        self.units = units
        self.can_edit = can_edit

    @property
    def on_hub(self) -> bool:
        return self.constituency is None

    def entries(self):
        entries = PresenceEntry.objects.all()
        return entries if self.on_hub else entries.filter(unit__in=self.units)

    def reports(self):
        reports = AccountReport.objects.all()
        return reports if self.on_hub else reports.filter(unit__in=self.units)


def scope_for(request) -> Scope:
    user = request.user
    tenant = current_tenant()
    if tenant is not None and tenant.is_site:
        # The admin gate has already turned away anyone without a role here.
        if not (user.is_central_staff or current_roles(user, tenant)):
            raise NotAllowed("This admin is open only to this CLP's officers and editors.")
        return Scope(
            constituency=tenant,
            units=units_of_constituency(tenant),
            can_edit=may_keep_register(user, tenant),
        )
    if not on_hub() or not user.is_central_staff:
        raise NotAllowed("This area of the hub's admin is open only to central staff.")
    return Scope(constituency=None, units=PartyUnit.objects.all(), can_edit=True)


def require_register_keeper(scope: Scope) -> None:
    if not scope.can_edit:
        raise NotAllowed(
            "Only the CLP's Secretary or Social Media Officer (or central staff) can change "
            "the register. You can read it."
        )


def require_report_reader(scope: Scope) -> None:
    if not scope.can_edit:
        raise NotAllowed(
            "Only the CLP's Secretary or Social Media Officer (or central staff) can read "
            "reports about its accounts."
        )


def get_unit_in_scope(scope: Scope, pk: int) -> PartyUnit:
    return get_object_or_404(scope.units.select_related("constituency"), pk=pk)


def get_entry_in_scope(scope: Scope, pk: int) -> PresenceEntry:
    return get_object_or_404(scope.entries().select_related("unit__constituency"), pk=pk)


def get_report_in_scope(scope: Scope, pk: int) -> AccountReport:
    return get_object_or_404(scope.reports().select_related("unit__constituency"), pk=pk)


class GovernanceAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "globe"
    index_url_name = "online_presence:index"
    index_label = "Online presence"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.scope = scope_for(request)
            return super().dispatch(request, *args, **kwargs)
        except NotAllowed as refusal:
            return self.refuse(str(refusal))

    def refuse(self, reason: str):
        title = "Not allowed"
        context = {
            "view": self,
            "reason": reason,
            "page_title": title,
            "header_title": title,
            "header_icon": "warning",
            "header_buttons": [],
            "breadcrumbs_items": [*self.breadcrumbs_items, {"url": "", "label": title}],
        }
        return TemplateResponse(
            self.request, "governance/admin/not_allowed.html", context, status=403
        )

    def get_breadcrumbs_items(self):
        index = {"url": reverse(self.index_url_name), "label": self.index_label}
        items = [*self.breadcrumbs_items, index]
        if self.get_page_title() != self.index_label:
            items.append({"url": "", "label": self.get_page_title()})
        return items

    def get_context_data(self, **kwargs):
        return super().get_context_data(scope=self.scope, **kwargs)
