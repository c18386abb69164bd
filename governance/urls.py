"""The hub's public pages about the register, at /official/."""

from django.urls import path

from governance.register import public_views as lookup_views
from governance.reports import public_views as report_views

app_name = "governance"
urlpatterns = [
    path("", lookup_views.official, name="official"),
    path("report/", report_views.report, name="report"),
    path("report/sent/", report_views.report_sent, name="report_sent"),
]
