"""/favicon.ico on the hub and on every site: browsers and feed readers ask for it there
whatever the page links to, and on a site Wagtail would otherwise answer with a 404 page."""

from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

FAVICON = "img/favicon.ico"
ONE_DAY = 24 * 60 * 60


@cache
def _favicon_bytes() -> bytes:
    with open(finders.find(FAVICON), "rb") as file:
        return file.read()


@require_safe
def favicon_ico(request):
    response = HttpResponse(_favicon_bytes(), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=ONE_DAY)
    return response
