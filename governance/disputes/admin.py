"""The disputes cases' place in the admin: central staff's list and each case's page on
the hub, and the referral form on a report's page (hub and constituencies alike)."""

from django.urls import path
from wagtail.admin.viewsets.base import ViewSet

from governance.disputes import referral_views, views
from roles.admin_access import CentralStaffOnHubMenuItem


class DisputesViewSet(ViewSet):
    name = "disputes"
    url_prefix = "disputes"
    icon = "warning"
    menu_label = "Disputes cases"
    menu_item_class = CentralStaffOnHubMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.CaseIndexView.as_view(), name="index"),
            path("<int:pk>/", views.CaseDetailView.as_view(), name="detail"),
            path("<int:pk>/state/", views.CaseStateView.as_view(), name="state"),
            path("<int:pk>/evidence/", views.CaseEvidenceView.as_view(), name="evidence"),
            path(
                "<int:pk>/evidence/<int:evidence_pk>/",
                views.EvidenceFileView.as_view(),
                name="evidence_file",
            ),
            path("<int:pk>/member/", views.CaseMemberView.as_view(), name="member"),
            path("<int:pk>/release/", views.CaseReleaseView.as_view(), name="release"),
            path("refer/<int:pk>/", referral_views.ReferView.as_view(), name="refer"),
        ]
