"""The register of online presence and the reports about it, in the Wagtail admin.

The same screens serve two audiences. In a constituency's admin they show the units
that constituency looks after (its CLP, its branches, the Local Campaign Forums it is
part of): its officers and editors read the register, its Secretary and Social Media
Officer keep it and read the reports. In the hub's admin central staff see, change
and work everything. The register's tables are in the shared schema, which every
constituency's search path also sees, so every query here is narrowed to the scope
the request is allowed, explicitly."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from labourhub.form_errors import apply_validation_error
from labourhub.tenancy import current_tenant, on_hub
from roles.access import current_roles
from roles.models import Appointment

from . import flags
from .forms import (
    ChooseUnitForm,
    PresenceEntryForm,
    RegisterFilterForm,
    ReportFilterForm,
    ReportStatusForm,
)
from .models import AccountReport, Flag, PartyUnit, PresenceEntry
from .register import (
    RECOMMENDED_CONTROLLERS,
    add_entry,
    change_entry,
    former_controllers,
    mark_reviewed,
    may_keep_register,
    remove_entry,
)
from .reporting import change_report_status, next_statuses
from .units import units_of_constituency

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


# The register


def _officers_by_constituency(constituency_ids) -> dict[int, set[int]]:
    officers = defaultdict(set)
    appointments = Appointment.objects.current().filter(constituency_id__in=constituency_ids)
    for user_id, constituency_id in appointments.values_list("user_id", "constituency_id"):
        officers[constituency_id].add(user_id)
    return officers


def _unit_constituency_ids(unit: PartyUnit) -> list[int]:
    # Reads the prefetched CLPs of a forum; PartyUnit.officer_constituency_ids would
    # query once per unit.
    if unit.kind == PartyUnit.Kind.LCF:
        return [constituency.pk for constituency in unit.constituencies.all()]
    return [unit.constituency_id] if unit.constituency_id else []


def describe_entries(entries: list[PresenceEntry]) -> None:
    """Annotate listed entries with what the list warns about, in a fixed number of
    queries however many there are."""
    units = {entry.unit_id: entry.unit for entry in entries}
    constituency_ids = {pk for unit in units.values() for pk in _unit_constituency_ids(unit)}
    officers = _officers_by_constituency(constituency_ids)
    review_cutoff = flags.review_cutoff(timezone.localdate())
    for entry in entries:
        officer_ids = set().union(*(officers[pk] for pk in _unit_constituency_ids(entry.unit)))
        entry.former = former_controllers(entry, officer_ids)
        entry.too_few_controllers = len(entry.controllers.all()) < RECOMMENDED_CONTROLLERS
        # The same rule as the nightly flag: more than 12 calendar months ago.
        entry.review_due = entry.last_reviewed_on < review_cutoff


class RegisterIndexView(GovernanceAdminView):
    template_name = "governance/admin/register_index.html"
    page_title = "Online presence"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = self.scope.entries()
        filters = None
        if self.scope.on_hub:
            filters = RegisterFilterForm(self.request.GET or None)
            entries = filters.filter(entries)
        entries = (
            entries.select_related("unit__constituency")
            .prefetch_related(
                "controllers",
                "unit__constituencies",
                Prefetch(
                    "flags",
                    queryset=Flag.objects.filter(resolved_on__isnull=True),
                    to_attr="open_flags",
                ),
            )
            .order_by("unit__kind", "unit__name", "platform", "handle", "pk")
        )
        page = Paginator(entries, PER_PAGE).get_page(self.request.GET.get("p"))
        describe_entries(page.object_list)
        unit_flags = []
        if not self.scope.on_hub:
            unit_flags = list(
                Flag.objects.filter(
                    unit__in=self.scope.units, entry__isnull=True, resolved_on__isnull=True
                ).select_related("unit")
            )
        context.update(
            page_obj=page,
            filters=filters,
            unit_flags=unit_flags,
            constituency=self.scope.constituency,
            query_string=_without_page(self.request.GET),
        )
        return context


class ChooseUnitView(GovernanceAdminView):
    """The first step of adding an entry: which unit it is for (skipped when there is
    only one)."""

    template_name = "governance/admin/register_choose_unit.html"
    page_title = "Add to the register"

    def get(self, request):
        require_register_keeper(self.scope)
        units = self.scope.units
        only = list(units[:2])
        if len(only) == 1:
            return redirect("online_presence:add", unit_pk=only[0].pk)
        form = ChooseUnitForm(request.GET if "unit" in request.GET else None, units=units)
        if form.is_bound and form.is_valid():
            return redirect("online_presence:add", unit_pk=form.cleaned_data["unit"].pk)
        return self.render_to_response(self.get_context_data(form=form))


class EntryFormView(GovernanceAdminView):
    template_name = "governance/admin/register_form.html"

    def render_form(self, form, unit, entry=None):
        former = former_controllers(entry) if entry else []
        return self.render_to_response(
            self.get_context_data(form=form, unit=unit, entry=entry, former=former)
        )

    def after_saving(self, entry: PresenceEntry, message: str):
        messages.success(self.request, message)
        if entry.controllers.count() < RECOMMENDED_CONTROLLERS:
            messages.warning(
                self.request,
                f"Only one person can sign in to {entry}. Add another officer, so the "
                "account never depends on one person.",
            )
        return redirect("online_presence:index")


class AddEntryView(EntryFormView):
    page_title = "Add to the register"

    def get(self, request, unit_pk):
        unit = get_unit_in_scope(self.scope, unit_pk)
        require_register_keeper(self.scope)
        return self.render_form(PresenceEntryForm(unit=unit), unit)

    def post(self, request, unit_pk):
        unit = get_unit_in_scope(self.scope, unit_pk)
        require_register_keeper(self.scope)
        form = PresenceEntryForm(request.POST, unit=unit)
        if not form.is_valid():
            return self.render_form(form, unit)
        try:
            entry = add_entry(unit=unit, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.render_form(form, unit)
        return self.after_saving(entry, f"{entry} is on the register of {unit}.")


class EditEntryView(EntryFormView):
    page_title = "Change a register entry"

    def get(self, request, pk):
        entry = get_entry_in_scope(self.scope, pk)
        require_register_keeper(self.scope)
        return self.render_form(PresenceEntryForm(unit=entry.unit, entry=entry), entry.unit, entry)

    def post(self, request, pk):
        entry = get_entry_in_scope(self.scope, pk)
        require_register_keeper(self.scope)
        form = PresenceEntryForm(request.POST, unit=entry.unit, entry=entry)
        if not form.is_valid():
            return self.render_form(form, entry.unit, entry)
        try:
            changed = change_entry(entry, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.render_form(form, entry.unit, entry)
        entry.refresh_from_db()
        if not changed:
            messages.info(request, f"Nothing changed in {entry}.")
            return redirect("online_presence:index")
        return self.after_saving(entry, f"{entry} is updated.")


class RemoveEntryView(GovernanceAdminView):
    template_name = "governance/admin/register_remove.html"
    page_title = "Remove from the register"

    def get(self, request, pk):
        entry = get_entry_in_scope(self.scope, pk)
        require_register_keeper(self.scope)
        return self.render_to_response(self.get_context_data(entry=entry))

    def post(self, request, pk):
        entry = get_entry_in_scope(self.scope, pk)
        require_register_keeper(self.scope)
        name = str(entry)
        remove_entry(entry, actor=request.user)
        messages.success(request, f"{name} is no longer on the register.")
        return redirect("online_presence:index")


class ReviewEntryView(GovernanceAdminView):
    """POST only: the entry was checked and is right, today."""

    http_method_names = ["post"]

    def post(self, request, pk):
        entry = get_entry_in_scope(self.scope, pk)
        require_register_keeper(self.scope)
        mark_reviewed(entry, actor=request.user)
        messages.success(request, f"{entry} is marked as reviewed today.")
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("online_presence:index")


# Reports


class ReportAdminView(GovernanceAdminView):
    header_icon = "warning"
    index_url_name = "presence_reports:index"
    index_label = "Reports"

    def get(self, request, *args, **kwargs):
        require_report_reader(self.scope)
        return super().get(request, *args, **kwargs)


class ReportIndexView(ReportAdminView):
    template_name = "governance/admin/report_index.html"
    page_title = "Reports"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = self.scope.reports()
        filters = ReportFilterForm(self.request.GET or None)
        reports = filters.filter(reports).select_related("unit").order_by("-created_at", "-pk")
        page = Paginator(reports, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            page_obj=page,
            filters=filters,
            show_unit_filter=self.scope.on_hub,
            query_string=_without_page(self.request.GET),
        )
        return context


class ReportDetailView(ReportAdminView):
    """A report and its history. Central staff, on the hub, change its state here."""

    template_name = "governance/admin/report_detail.html"

    def get_page_title(self):
        return f"Report #{self.report.pk}"

    def get(self, request, pk):
        require_report_reader(self.scope)
        self.report = get_report_in_scope(self.scope, pk)
        return self.render_report(self.status_form())

    def post(self, request, pk):
        if not self.scope.on_hub:
            raise NotAllowed("Only central staff, in the hub's admin, change a report's state.")
        self.report = get_report_in_scope(self.scope, pk)
        form = self.status_form(request.POST)
        if not form.is_valid():
            return self.render_report(form, status=400)
        data = form.cleaned_data
        try:
            change_report_status(
                self.report,
                data["to_status"],
                actor=request.user,
                note=data["note"],
                seen_status=data["seen_status"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.render_report(form, status=400)
        self.report.refresh_from_db()
        messages.success(
            request, f"Report #{self.report.pk} is now “{self.report.get_status_display()}”."
        )
        return redirect("presence_reports:detail", pk=self.report.pk)

    def status_form(self, data=None):
        if not self.scope.on_hub:
            return None
        return ReportStatusForm(
            data,
            choices=next_statuses(self.report),
            initial={"seen_status": self.report.status},
        )

    def render_report(self, form, status=200):
        history = self.report.history.select_related("actor")
        context = self.get_context_data(
            report=self.report,
            history=history,
            form=form,
            show_reporter=self.scope.on_hub,
        )
        return self.render_to_response(context, status=status)


def _without_page(query) -> str:
    query = query.copy()
    query.pop("p", None)
    return query.urlencode()
