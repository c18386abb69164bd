"""The language of each request. A constituency site that offers Welsh answers /cy/...
in Welsh and everything else in English; a site that does not, and the hub, answer in
English, so /cy/ is not found there (no /cy/ URL pattern matches in English).

The visitor's choice, made with the language switch (`views.choose_language`), is kept in
Django's language cookie. It is read on the home page only: someone who chose Welsh and
comes back to the site's address is taken to /cy/. Every other address names its
language, so pages stay cacheable whatever the cookie says (Varnish passes only `/` with
the cookie set: deploy/varnish/labourhub.vcl).
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation

WELSH_PREFIX = f"/{settings.WELSH}/"


def offers_welsh(tenant) -> bool:
    return bool(getattr(tenant, "offers_welsh", False)) and tenant.is_site


def language_of_path(tenant, path: str) -> str:
    if offers_welsh(tenant) and (path.startswith(WELSH_PREFIX) or path == WELSH_PREFIX[:-1]):
        return settings.WELSH
    return settings.LANGUAGE_CODE


def chose_welsh(request) -> bool:
    return request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) == settings.WELSH


class SiteLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tenant = getattr(request, "tenant", None)
        if request.path == "/" and offers_welsh(tenant) and chose_welsh(request):
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect(WELSH_PREFIX + (f"?{query}" if query else ""))
        language = language_of_path(tenant, request.path_info)
        request.LANGUAGE_CODE = language
        # Only for this request: whatever the thread does next (a task run in-process,
        # the next request's early middleware) starts in English again.
        with translation.override(language):
            response = self.get_response(request)
        if not request.path.startswith("/admin/"):  # the admin speaks each user's own
            response.headers.setdefault("Content-Language", settings.HTML_LANGUAGES[language])
        return response
