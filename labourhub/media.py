from django.conf import settings
from django.urls import re_path
from django.views.static import serve


def media_urlpatterns():
    """Serve MEDIA_ROOT under MEDIA_URL (development, and single-machine deployments)."""
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
