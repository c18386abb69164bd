from django.urls import include, path
from wagtail import hooks

from labourhub.tenancy import on_hub

from . import admin_areas, admin_views

app_name = "roles_admin"
urlpatterns = [
    path("new/<int:pk>/", admin_views.AppointView.as_view(), name="appoint"),
    path("<int:pk>/end/", admin_views.EndAppointmentView.as_view(), name="end"),
]


@hooks.register("register_admin_urls")
def register_appointment_admin_urls():
    return [path("appointments/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("construct_main_menu")
def show_each_admin_area_where_it_belongs(request, menu_items):
    hidden = admin_areas.hidden_menu_items(
        admin_areas.HUB if on_hub() else admin_areas.CONSTITUENCIES
    )
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


@hooks.register("construct_reports_menu")
def show_each_report_where_it_belongs(request, menu_items):
    hidden = admin_areas.hidden_reports_items(
        admin_areas.HUB if on_hub() else admin_areas.CONSTITUENCIES
    )
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


@hooks.register("construct_settings_menu")
def hide_constituency_settings_on_the_hub(request, menu_items):
    if on_hub():
        hidden = admin_areas.constituency_only_settings_items()
        menu_items[:] = [item for item in menu_items if item.name not in hidden]
