from django.urls import include, path, reverse
from wagtail import hooks

from roles.admin_access import CentralStaffOnHubMenuItem

from . import admin_views

app_name = "constituencies_admin"
urlpatterns = [
    path("", admin_views.ConstituencyIndexView.as_view(), name="index"),
    path("provision/", admin_views.ProvisionConstituencyView.as_view(), name="provision"),
    path("<int:pk>/", admin_views.ConstituencyDetailView.as_view(), name="detail"),
    path("<int:pk>/status/", admin_views.ConstituencyStatusView.as_view(), name="status"),
    path("<int:pk>/region/", admin_views.ConstituencyRegionView.as_view(), name="region"),
    path("<int:pk>/languages/", admin_views.SiteLanguagesView.as_view(), name="languages"),
]


@hooks.register("register_admin_urls")
def register_constituency_admin_urls():
    return [path("constituencies/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_admin_menu_item")
def register_constituencies_menu_item():
    return CentralStaffOnHubMenuItem(
        "Constituencies", reverse("constituencies_admin:index"), icon_name="site", order=150
    )
