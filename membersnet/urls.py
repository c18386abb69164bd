"""Membersnet, on the hub at /membersnet/. Every page needs a signed-in member, except
the public check of a training certificate."""

from django.urls import include, path

from membersnet.members import views as member_views

urlpatterns = [
    path("", member_views.dashboard, name="membersnet_home"),
    path("account/", include("membersnet.members.urls")),
    path("training/", include("membersnet.training.urls")),
    path("rulebook/", include("membersnet.rulebook.urls")),
    path("facts/", include("membersnet.knowledge.urls")),
]
