"""The short links of events, public on every constituency's site: /e/<page id>/."""

from django.urls import path

from . import views

urlpatterns = [path("<int:page_id>/", views.short_link, name="event_short_link")]
