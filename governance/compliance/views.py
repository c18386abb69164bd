"""Central staff's compliance dashboard in the hub's admin."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from constituencies.models import Nation
from constituencies.regions import region_phrase
from governance.compliance import chart, dashboard, snapshots, welsh
from roles.admin_access import get_site_or_404, require_central_staff_on_hub


class ComplianceFilterForm(forms.Form):
    nation = forms.ChoiceField(required=False, choices=[("", "All nations"), *Nation.choices])
    region = forms.ChoiceField(required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All regions"), *((r, r) for r in regions)]

    def chosen(self) -> tuple[str, str]:
        """The nation and region asked for; one that is not offered counts as none."""
        self.is_valid()
        return self.cleaned_data.get("nation", ""), self.cleaned_data.get("region", "")


class ComplianceDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "governance/compliance/dashboard.html"
    page_title = "Compliance"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        require_central_staff_on_hub(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = ComplianceFilterForm(self.request.GET, regions=dashboard.regions())
        nation, region = filters.chosen()
        report = dashboard.compliance_report(nation, region)
        for constituency in report.without_administrator.rows:
            constituency.site_url = constituency.url_for(self.request)
        for event in report.events_at_risk.rows:
            event.url = event.constituency.url_for(self.request, event.path)
        nation_label = Nation(nation).label if nation else ""
        welsh_order = self.request.GET.get("welsh_order", "")
        welsh_rows = welsh.welsh_rows(dashboard.clps(nation, region), welsh_order)
        context.update(
            welsh_rows=dashboard.Listing.of(welsh_rows),
            welsh_totals=welsh.welsh_totals(welsh_rows),
            welsh_orders=[(key, label) for key, (label, _) in welsh.ORDERS.items()],
            welsh_order=welsh_order if welsh_order in welsh.ORDERS else "",
            filters=filters,
            report=report,
            nation_label=nation_label,
            region_phrase=region_phrase(region, nation_label),
            chart=chart.coverage_chart(snapshots.coverage_snapshots(nation)),
            list_limit=dashboard.LIST_LIMIT,
            at_risk_days=dashboard.AT_RISK_DAYS,
            today=timezone.localdate(),
            review_months=settings.REGISTER_REVIEW_MONTHS,
        )
        return context


class WelshParityView(WagtailAdminTemplateMixin, TemplateView):
    """One bilingual constituency's pages out of step, read live from its schema, each
    linking to its translation screen in that site's own admin."""

    template_name = "governance/compliance/welsh_parity.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        require_central_staff_on_hub(request)
        self.constituency = get_site_or_404(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Welsh pages of {self.constituency.name}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("governance_compliance:dashboard"), "label": "Compliance"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        constituency = self.constituency
        parity = welsh.site_pages(constituency) if constituency.offers_welsh else None
        rows = [
            (gap, constituency.url_for(self.request, gap.translate_path))
            for gap in (parity.gaps if parity else [])
        ]
        context.update(constituency=constituency, parity=parity, rows=rows)
        return context
