"""The knowledge bank, at /membersnet/facts/. Each fact keeps its address for good."""

from django.urls import path

from . import views

app_name = "knowledge"
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("topic/<slug:slug>/", views.topic, name="topic"),
    path("<slug:slug>/", views.fact, name="fact"),
    path("<slug:slug>/card.png", views.card, name="card"),
    path("<slug:slug>/share/", views.share, name="share"),
]
