"""Serving uploads from MEDIA_ROOT (development, and single-machine deployments).

Each site's uploads live under MEDIA_ROOT/<schema>/, and a site serves only its own:
another site's folder answers 404 on this domain. Documents are never served here:
Wagtail's /documents/<id>/ view serves them after checking the collection's privacy."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.urls import re_path
from django.views.static import serve


def serve_site_media(request, schema_name, path):
    if schema_name != request.tenant.schema_name or path.startswith("documents/"):
        raise Http404("No such file on this site.")
    try:
        return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / schema_name)
    except SuspiciousFileOperation:  # "../" out of the site's folder
        raise Http404("No such file on this site.") from None


def media_urlpatterns():
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{prefix}(?P<schema_name>[\w-]+)/(?P<path>.+)$", serve_site_media)]
