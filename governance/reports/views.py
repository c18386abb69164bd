"""Reports in the admin: the list and each report's page, where its state changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect

from governance import audit
from governance.register.scope import (
    PER_PAGE,
    GovernanceAdminView,
    NotAllowed,
    get_report_in_scope,
    require_report_reader,
)
from governance.reports.forms import (
    ReportFilterForm,
    ReportStatusForm,
)
from governance.reports.workflow import change_report_status, next_statuses
from labourhub.form_errors import apply_validation_error


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
        reports = (
            filters.filter(reports)
            .select_related("unit")
            .prefetch_related("dispute_cases")
            .order_by("-created_at", "-pk")
        )
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
        # A referred report's case, as its summary shows it (the member's name only
        # once the disputes team has released it).
        case = self.report.dispute_cases.select_related("member").order_by("-pk").first()
        if self.scope.on_hub and (self.report.reporter_name or self.report.reporter_email):
            _audit_reporter_seen(self.request.user, self.report)
        context = self.get_context_data(
            report=self.report,
            history=history,
            form=form,
            show_reporter=self.scope.on_hub,
            case=case,
            may_refer=self.scope.can_edit and self.report.is_open,
        )
        return self.render_to_response(context, status=status)


def _audit_reporter_seen(user, report) -> None:
    """Who reported an account is for central staff alone, and each look is kept."""
    audit.record(
        "report.reporter_viewed",
        f"Reporter's details of report #{report.pk} viewed",
        actor=user,
        unit=report.unit,
        constituency=report.unit.constituency if report.unit else None,
        record=f"{report._meta.label}:{report.pk}",
        people=[report.reporter_email] if report.reporter_email else [],
        reporter_named=bool(report.reporter_name),
    )


def _without_page(query) -> str:
    query = query.copy()
    query.pop("p", None)
    return query.urlencode()
