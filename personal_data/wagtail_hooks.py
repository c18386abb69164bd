"""The hub admin's "Personal data" menu: central staff find a person and follow the
requests about people's data."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from roles.admin_access import CentralStaffOnHubMenuItem

from .admin_views import DownloadView, FindPersonView, RequestListView, RequestView


class FindPersonViewSet(ViewSet):
    name = "personal-data"
    icon = "search"
    menu_label = "Find a person"
    menu_item_class = CentralStaffOnHubMenuItem

    def get_urlpatterns(self):
        return [path("", FindPersonView.as_view(), name="index")]


class RequestsViewSet(ViewSet):
    name = "personal-data-requests"
    url_prefix = "personal-data/requests"
    icon = "list-ul"
    menu_label = "Requests"
    menu_item_class = CentralStaffOnHubMenuItem

    def get_urlpatterns(self):
        return [
            path("", RequestListView.as_view(), name="index"),
            path("<int:pk>/", RequestView.as_view(), name="detail"),
            path("<int:pk>/download/", DownloadView.as_view(), name="download"),
        ]


class PersonalDataGroup(ViewSetGroup):
    menu_label = "Personal data"
    menu_name = "personal-data"
    menu_icon = "user"
    menu_order = 360
    items = (FindPersonViewSet, RequestsViewSet)


@hooks.register("register_admin_viewset")
def register_personal_data():
    return PersonalDataGroup()
