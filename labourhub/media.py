"""Serving uploads from MEDIA_ROOT (development, and single-machine deployments).

Each site's uploads live under MEDIA_ROOT/<schema>/, and a site serves only its own:
another site's folder answers 404 on this domain. The one exception is the hub's images
(a national campaign's picture, shown on every site it goes to), which the hub serves
to anyone anyway. Documents are never served here: Wagtail's /documents/<id>/ view
serves them after checking the collection's privacy."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.urls import re_path
from django.views.static import serve
from django_tenants.utils import get_public_schema_name


def _served_here(request, schema_name, path) -> bool:
    if path.startswith("documents/"):
        return False
    if schema_name == get_public_schema_name():
        return path.startswith("images/")
    return schema_name == request.tenant.schema_name


def serve_site_media(request, schema_name, path):
    if not _served_here(request, schema_name, path):
        raise Http404("No such file on this site.")
    try:
        return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / schema_name)
    except SuspiciousFileOperation:  # "../" out of the site's folder
        raise Http404("No such file on this site.") from None


def media_urlpatterns():
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{prefix}(?P<schema_name>[\w-]+)/(?P<path>.+)$", serve_site_media)]
