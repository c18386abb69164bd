"""Referring a report to the disputes team, from the report's page: by a CLP's
Secretary or Social Media Officer in their CLP's admin, or by central staff on the hub."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from governance.disputes.forms import ReferForm
from governance.disputes.referral import refer_report
from governance.register.scope import (
    GovernanceAdminView,
    get_report_in_scope,
    require_report_reader,
)
from labourhub.form_errors import apply_validation_error


class ReferView(GovernanceAdminView):
    header_icon = "warning"
    index_url_name = "presence_reports:index"
    index_label = "Reports"
    template_name = "governance/admin/dispute_refer.html"

    def get_page_title(self):
        return f"Refer report #{self.report.pk} to the disputes team"

    def setup_report(self, pk):
        require_report_reader(self.scope)
        self.report = get_report_in_scope(self.scope, pk)

    def get(self, request, pk):
        self.setup_report(pk)
        return self.render_form(ReferForm())

    def post(self, request, pk):
        self.setup_report(pk)
        form = ReferForm(request.POST)
        if form.is_valid():
            try:
                case, joined = refer_report(
                    self.report,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    constituency=self.scope.constituency,
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    f"Report #{self.report.pk} is with the disputes team"
                    + (f", added to case #{case.pk}." if joined else f" as case #{case.pk}."),
                )
                return redirect("presence_reports:detail", pk=self.report.pk)
        return self.render_form(form, status=400)

    def render_form(self, form, status=200):
        context = self.get_context_data(report=self.report, form=form)
        return self.render_to_response(context, status=status)
