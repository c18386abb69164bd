from django.urls import include, path
from wagtail import hooks

from . import admin_views

app_name = "roles_admin"
urlpatterns = [
    path("new/<int:pk>/", admin_views.AppointView.as_view(), name="appoint"),
    path("<int:pk>/end/", admin_views.EndAppointmentView.as_view(), name="end"),
]


@hooks.register("register_admin_urls")
def register_appointment_admin_urls():
    return [path("appointments/", include((urlpatterns, app_name), namespace=app_name))]
