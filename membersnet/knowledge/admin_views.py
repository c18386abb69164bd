"""Central staff's knowledge-bank screens in the hub's admin: which facts members share
most, and which facts are past their review-by date."""

import datetime as dt

from django.core.paginator import Paginator
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from roles.admin_access import require_central_staff_on_hub

from .models import Fact, ShareEvent

REPORT_PER_PAGE = 50
# (value, label, days back; None for all time). The first is the default.
PERIODS = [
    ("30", "Last 30 days", 30),
    ("7", "Last 7 days", 7),
    ("365", "Last 12 months", 365),
    ("all", "All time", None),
]
DUE_SOON_DAYS = 30


class KnowledgeStaffView(WagtailAdminTemplateMixin, TemplateView):
    def dispatch(self, request, *args, **kwargs):
        require_central_staff_on_hub(request, "The knowledge bank is curated on the hub.")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class MostSharedView(KnowledgeStaffView):
    template_name = "membersnet/knowledge/admin/most_shared.html"
    page_title = "Most shared facts"
    header_icon = "list-ol"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = self.request.GET.get("period")
        value, label, days = next((period for period in PERIODS if period[0] == chosen), PERIODS[0])
        since = timezone.now() - dt.timedelta(days=days) if days else None
        facts = Fact.objects.with_share_counts(since)
        page = Paginator(facts, REPORT_PER_PAGE).get_page(self.request.GET.get("p"))
        networks = ShareEvent.Network.choices
        for fact in page:
            fact.counts = [getattr(fact, f"shares_{key}") for key, _ in networks]
        context.update(
            periods=PERIODS,
            period=value,
            period_label=label,
            networks=[name for _, name in networks],
            page_obj=page,
        )
        return context


class NeedsRecheckingView(KnowledgeStaffView):
    template_name = "membersnet/knowledge/admin/needs_rechecking.html"
    page_title = "Facts needing re-checking"
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            today=today,
            overdue=Fact.objects.due_for_review(today).order_by("review_by", "title"),
            due_soon=Fact.objects.current(today)
            .filter(review_by__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
            .order_by("review_by", "title"),
            due_soon_days=DUE_SOON_DAYS,
        )
        return context
