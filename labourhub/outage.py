"""A branded 503 with Retry-After while the database cannot be reached, in place of a
bare 500: `handler500` for both URLconfs.

The database fails first where the tenant is looked up, before any URLconf is chosen,
so Django answers with the root URLconf's handler500; it is called while the error is
being handled, which is how it tells an outage from a bug. The page is rendered without
a request context: the context processors would reach for the database again.
Connections recover by themselves (CONN_HEALTH_CHECKS) once the database is back.

Any other error on a constituency's site gets a 500 with the site's own name, menu and
footer; if reading those fails as well, the plain page, so that the 500 never fails.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control

RETRY_AFTER_SECONDS = 30

logger = logging.getLogger(__name__)


def database_unavailable() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def language_of(request) -> str:
    """The language to apologise in. The database may fail before the request's language
    is known (and a thread keeps the last request's): a Welsh address is answered in Welsh,
    anything else in English."""
    path = getattr(request, "path", "")
    welsh = f"/{settings.WELSH}/"
    if path.startswith(welsh) or path == welsh[:-1]:
        return settings.WELSH
    return settings.LANGUAGE_CODE


def server_error(request):
    with translation.override(language_of(request)):
        return _server_error(request)


def _server_error(request):
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable()
    response = HttpResponseServerError(_server_error_page(request))
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def _server_error_page(request) -> str:
    if getattr(getattr(request, "tenant", None), "is_site", False):
        try:
            return render_to_string("website/500.html", request=request)
        # Whatever broke the page may break its chrome too: the plain page then.
        except Exception:
            logger.exception("The site's 500 page could not be rendered; the plain one was")
    return render_to_string("500.html")
