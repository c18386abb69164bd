"""The hub's public pages about the register, at /official/."""

from django.urls import path

from . import public_views

app_name = "governance"
urlpatterns = [
    path("", public_views.official, name="official"),
    path("report/", public_views.report, name="report"),
    path("report/sent/", public_views.report_sent, name="report_sent"),
]
