"""Reports' place in the admin: the list and each report's page."""

from django.urls import path
from wagtail.admin.viewsets.base import ViewSet

from governance.reports import views
from roles.admin_access import CentralStaffOnHubMenuItem


class ReportsViewSet(ViewSet):
    name = "presence_reports"
    url_prefix = "online-presence/reports"
    icon = "warning"
    menu_label = "Reports"
    menu_item_class = CentralStaffOnHubMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.ReportIndexView.as_view(), name="index"),
            path("<int:pk>/", views.ReportDetailView.as_view(), name="detail"),
        ]
