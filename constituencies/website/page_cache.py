"""A per-site cache of the public pages anonymous visitors see.

Only GET and HEAD requests from visitors who are not signed in, answered 200 without
setting a cookie or using a CSRF token, are stored; signed-in officers are never served
a cached page and never leave one behind. Entries are keyed by a per-site generation
number: publishing anything on a site bumps it, which retires every cached page of that
site at once (a new news item changes the home page and the news index, not just its
own page). Cache keys are already per tenant (django_tenants.cache.make_key).

Only the query parameters a page reads (?page=, ?tag=) make a separate entry; the
trackers social networks add to shared links (?fbclid=, ?utm_source=) are left out of
the key, and any other parameter is answered uncached, so nobody can fill the cache
by asking for the same page under endless made-up query strings.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

GENERATION_KEY = "page-cache-generation"
CACHED_HEADER = "X-Page-Cache"
_SKIPPED_PREFIXES = ("/admin/", "/accounts/", "/static/", "/media/", "/documents/")
_KEYED_PARAMETERS = {"page": 6, "tag": 100}  # and the longest value worth caching
_TRACKING_PARAMETERS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid"}


def purge_current_site() -> None:
    """Retire every cached page of the site whose schema is active."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 0, None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def _is_tracking(name: str) -> bool:
    return name in _TRACKING_PARAMETERS or name.startswith("utm_")


def _cacheable_query(request) -> bool:
    for name, values in request.GET.lists():
        if _is_tracking(name):
            continue
        longest = _KEYED_PARAMETERS.get(name)
        if longest is None or len(values) != 1 or len(values[0]) > longest:
            return False
    return True


def _key(request) -> str:
    keyed = sorted((name, value) for name, value in request.GET.items() if not _is_tracking(name))
    return f"page:{_generation()}:{request.get_host()}:{request.path}?{urlencode(keyed)}"


def _cacheable_request(request) -> bool:
    tenant = getattr(request, "tenant", None)
    return (
        request.method in ("GET", "HEAD")
        and getattr(tenant, "is_site", False)
        and not request.path.startswith(_SKIPPED_PREFIXES)
        and _cacheable_query(request)
        # A session or a pending message means this visitor may see something personal.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def _cacheable_response(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[CACHED_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            headers = [(name, value) for name, value in response.items() if name != CACHED_HEADER]
            cache.set(
                key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS
            )
            response[CACHED_HEADER] = "miss"
        return response
