"""Central staff's "Personal data → Retention" screen in the hub's admin: every kind of
personal data the registry declares, how long each is kept (the periods settings give
now), and what the last retention runs removed."""

from django.conf import settings
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from privacy.registry import days_in_words, declarations
from roles.admin_access import require_central_staff_on_hub

from .models import RetentionRun

ON_HUB = "Personal data is managed from the hub."
RECENT_RUNS = 10


def _where(declaration) -> str:
    if declaration.in_hub and declaration.in_constituencies:
        return "The hub and each constituency"
    return "The hub" if declaration.in_hub else "Each constituency"


class RetentionView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "personal_data/admin/retention.html"
    page_title = "Retention"
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        require_central_staff_on_hub(request, ON_HUB)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": "Personal data"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        runs = list(RetentionRun.objects.all()[:RECENT_RUNS])
        last = runs[0] if runs else None
        totals = last.totals if last else {}
        kinds = [
            {
                "declaration": declaration,
                "where": _where(declaration),
                "kept": declaration.how_long_kept,
                "last_run": (
                    sum(totals.get(rule.period, 0) for rule in declaration.retention)
                    if declaration.retention and last
                    else None
                ),
            }
            for declaration in sorted(declarations(), key=lambda d: d.name.lower())
        ]
        periods = [
            {
                "name": name,
                "days": days,
                "words": days_in_words(days),
                "variable": f"PERSONAL_DATA_RETENTION_{name.upper()}_DAYS",
            }
            for name, days in settings.PERSONAL_DATA_RETENTION.items()
        ]
        return super().get_context_data(
            kinds=kinds, periods=periods, last_run=last, runs=runs, **kwargs
        )
