"""Membersnet, on the hub at /membersnet/. Every page needs a signed-in member, except
the public check of a training certificate."""

from django.urls import include, path

from membersnet.members import views as member_views
from membersnet.training import views as training_views

urlpatterns = [
    path("", member_views.dashboard, name="membersnet_home"),
    path("search/", member_views.search, name="membersnet_search"),
    path("account/", include("membersnet.members.urls")),
    path("join/<str:token>/", member_views.accept_invitation, name="accept_invitation"),
    path("training/", include("membersnet.training.urls")),
    # Public: anyone can check a certificate.
    path("certificates/", training_views.verify_certificate, name="verify_certificate"),
    path(
        "certificates/<str:code>/",
        training_views.verify_certificate,
        name="verify_certificate_code",
    ),
    path("rulebook/", include("membersnet.rulebook.urls")),
    path("facts/", include("membersnet.knowledge.urls")),
]
