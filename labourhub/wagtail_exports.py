"""Wagtail's own admin screens that export spreadsheets (its reports and the redirects
list), served at their usual addresses with the safe export (safe_spreadsheet_export).

Their cells hold what officers typed (page titles, log messages, redirect paths), and
central staff download them. The URL patterns are listed before Wagtail's admin URLs,
so the same names reverse to the same addresses and reach these views."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.contrib.redirects.views import IndexView as RedirectIndexView
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .safe_spreadsheet_export import SafeSpreadsheetExportMixin

EXPORTING_VIEWS = {
    "admin/reports/locked/": LockedPagesView,
    "admin/reports/workflow/": WorkflowView,
    "admin/reports/workflow_tasks/": WorkflowTasksView,
    "admin/reports/site-history/": LogEntriesView,
    "admin/reports/aging-pages/": AgingPagesView,
    "admin/redirects/": RedirectIndexView,
}


def _safe(view_class):
    return type(view_class.__name__, (SafeSpreadsheetExportMixin, view_class), {})


urlpatterns = []
for _address, _view_class in EXPORTING_VIEWS.items():
    _safe_view_class = _safe(_view_class)
    urlpatterns += [
        path(_address, _safe_view_class.as_view()),
        path(f"{_address}results/", _safe_view_class.as_view(results_only=True)),
    ]
# As Wagtail's admin URLs are: for those with admin access, and never cached.
decorate_urlpatterns(urlpatterns, require_admin_access)
decorate_urlpatterns(urlpatterns, never_cache)
