"""Keeping cached pages fresh: the in-app page cache, and purging both it and the HTTP
cache in front (Varnish, through `labourhub.http_cache`) when a site changes.

The in-app cache is for deployments without an HTTP cache in front. It keeps the pages
`labourhub.http_cache` marks public (anonymous visitors, GET, 200, no cookie, no CSRF
token) of each constituency site and of the hub, and answers them before the session,
CSRF and authentication middleware run. Entries are keyed by a per-site generation
number: any purge of a site bumps it, which retires every cached page of that site at
once. Cache keys are already per tenant (`labourhub.cache_keys`).

Only the query parameters a page reads (?page=, ?tag=, ?q=, ?type=, ?untranslated=) make
a separate entry; the trackers social networks add to shared links (?fbclid=,
?utm_source=) are left out of the key, and any other parameter is answered uncached, so
nobody can fill the cache by asking for the same page under endless made-up query strings.

Purges run once the transaction that changed the site commits, so no request can cache
the old page again in between.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django_tenants.utils import schema_context

from labourhub import http_cache

from .models import Constituency, Domain

GENERATION_KEY = "page-cache-generation"
CACHED_HEADER = "X-Page-Cache"
_SKIPPED_PREFIXES = ("/static/", "/media/")
_KEYED_PARAMETERS = {
    "page": 6,
    "tag": 100,
    "q": 100,
    "type": 20,
    # A language's home page, reached from a page with no version in it, says so.
    "untranslated": 1,
    # The hub's /events/ also filters by these.
    "postcode": 10,
    "constituency": 100,
}  # and the longest value worth caching
_TRACKING_PARAMETERS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid"}


# --- purging ---------------------------------------------------------------------------


def _hosts(constituency) -> list[str]:
    return list(Domain.objects.filter(tenant=constituency).values_list("domain", flat=True))


def _bump_generation(schema_name: str) -> None:
    with schema_context(schema_name):
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, 1, None)


def _purge_after_commit(constituency, pattern: str, extra_hosts=()) -> None:
    schema_name = constituency.schema_name
    hosts = [*_hosts(constituency), *extra_hosts]

    def purge():
        _bump_generation(schema_name)
        http_cache.ban(hosts, pattern)

    transaction.on_commit(purge)


def purge_site(constituency=None, *, extra_hosts=()) -> None:
    """Retire every cached page of this constituency's site (by default the one whose
    schema is active): its navigation, footer and listings appear on every page.
    `extra_hosts`: host names it no longer has, whose pages must go too."""
    constituency = constituency or Constituency.objects.current()
    if constituency is not None:
        _purge_after_commit(constituency, http_cache.EVERYTHING, extra_hosts)


def purge_paths(paths, constituency=None) -> None:
    """Retire the cached copies of these pages of a constituency's site (exact paths,
    with any query string): from the HTTP cache only those, from the in-app cache the
    whole site."""
    constituency = constituency or Constituency.objects.current()
    if constituency is not None and paths:
        _purge_after_commit(constituency, http_cache.paths_pattern(paths))


def purge_paths_everywhere(paths) -> None:
    """Retire these pages of every constituency's site (what all of them show alike,
    such as the privacy notice): two queries and one ban per host, however many sites."""
    sites = list(Constituency.objects.sites().values_list("pk", "schema_name"))
    hosts = Domain.objects.filter(tenant_id__in=[pk for pk, _ in sites])
    hosts = list(hosts.values_list("domain", flat=True))
    pattern = http_cache.paths_pattern(paths)

    def purge():
        for _, schema_name in sites:
            _bump_generation(schema_name)
        http_cache.ban(hosts, pattern)

    transaction.on_commit(purge)


def purge_directory() -> None:
    """Retire the hub's cached directory of constituency sites."""
    hub = Constituency.objects.filter(kind=Constituency.Kind.HUB).first()
    if hub is not None:
        _purge_after_commit(hub, http_cache.paths_pattern(["/"]))


# --- the in-app cache -------------------------------------------------------------------


def generation() -> int:
    """The site's page-cache generation: it changes whenever the site is purged."""
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
    return f"page:{generation()}:{request.get_host()}:{request.path}?{urlencode(keyed)}"


def _cacheable_request(request) -> bool:
    tenant = getattr(request, "tenant", None)
    return (
        (getattr(tenant, "is_site", False) or getattr(tenant, "is_hub", False))
        and http_cache.is_shareable_request(request)
        and not request.path.startswith(_SKIPPED_PREFIXES)
        and _cacheable_query(request)
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content, fresh_until = stored
            # What the page said about changing by itself still holds for the HTTP cache.
            http_cache.fresh_until(request, fresh_until)
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[CACHED_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if http_cache.is_shareable(request, response) and not response.streaming:
            headers = [(name, value) for name, value in response.items() if name != CACHED_HEADER]
            timeout = http_cache.shared_max_age(request, settings.PAGE_CACHE_SECONDS)
            fresh_until = http_cache.fresh_until_of(request)
            cache.set(key, (response.status_code, headers, response.content, fresh_until), timeout)
            response[CACHED_HEADER] = "miss"
        return response
