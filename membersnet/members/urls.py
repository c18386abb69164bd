from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.account, name="account"),
    path("digest/stop/<str:token>/", views.stop_digest, name="stop_digest"),
]
