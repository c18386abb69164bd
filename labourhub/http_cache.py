"""What the HTTP cache in front (Varnish) and browsers may keep, and telling the HTTP
cache to let pages go.

Every response leaves with a Cache-Control header the app means:

- a public page for a visitor who is not signed in (GET or HEAD, 200, no cookie set,
  no CSRF token or CSP nonce on it): `public, max-age=<BROWSER_CACHE_SECONDS>,
  s-maxage=<HTTP_CACHE_SECONDS>`. The HTTP cache keeps it until it is purged (or its
  content changes with time: see `fresh_until`); browsers ask again soon.
- everything else, and always under `HTTP_CACHE_NEVER_CACHED_PATHS` (the admin,
  accounts, Membersnet, the official-account lookup, the health check...):
  `private, no-store`.

A response that already says what it wants (WhiteNoise's static files, Wagtail's admin,
a members' share card to revalidate) keeps its own header, made private on a
never-cached path.

Purging is by host: `ban(hosts, pattern)` asks every HTTP cache in
`HTTP_CACHE_PURGE_URLS` to drop what it holds for those host names whose path and query
match the regular expression. A cache that cannot be reached is tried again by a task.
"""

import datetime as dt
import logging
import re
import urllib.error
import urllib.request
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from labourhub import security_headers
from labourhub.celery import app, task_named

logger = logging.getLogger(__name__)

EVERYTHING = "^/"
_FRESH_UNTIL = "_http_cache_fresh_until"
_SAFE_PATTERN = re.compile(r"^\^[(]?/[^\s\"\\]*$")


def is_never_cached_path(path: str) -> bool:
    return any(
        path == prefix.rstrip("/") or path.startswith(prefix)
        for prefix in settings.HTTP_CACHE_NEVER_CACHED_PATHS
    )


def is_anonymous_request(request) -> bool:
    """No session (nobody signed in, nothing kept for them) and no message waiting: what
    this visitor sees is what every such visitor sees. Read from the cookies alone, so
    it can be asked before the session and authentication middleware run."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


def is_shareable_request(request) -> bool:
    """Could the answer to this request be kept for everyone?"""
    return (
        request.method in ("GET", "HEAD")
        and not is_never_cached_path(request.path)
        and is_anonymous_request(request)
    )


def is_shareable(request, response) -> bool:
    """May shared caches keep this response and give it to anyone who asks?"""
    return (
        is_shareable_request(request)
        and response.status_code == 200
        and not response.cookies
        # The page holds a CSRF token, so it belongs to whoever holds its cookie.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # A nonce is only worth anything while nobody else has seen it.
        and not security_headers.uses_nonce(request)
        and "Cache-Control" not in response
    )


def fresh_until(request, moment: dt.datetime | None) -> None:
    """The page shown for this request changes by itself at `moment` (an event in a
    list finishes, sign-ups close): caches may keep it until then at most."""
    if moment is None:
        return
    current = getattr(request, _FRESH_UNTIL, None)
    if current is None or moment < current:
        setattr(request, _FRESH_UNTIL, moment)


def fresh_until_of(request) -> dt.datetime | None:
    return getattr(request, _FRESH_UNTIL, None)


def shared_max_age(request, longest: int) -> int:
    """How long a shared cache may keep this page: `longest`, or less if the page
    changes by itself sooner (never below one second)."""
    moment = fresh_until_of(request)
    if moment is None:
        return longest
    return max(1, min(longest, int((moment - timezone.now()).total_seconds())))


class CacheHeadersMiddleware:
    """Put the Cache-Control header the app means on every response (see the module's
    docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" in response:
            if is_never_cached_path(request.path):
                # What the view chose for browsers stands; shared caches never keep it.
                patch_cache_control(response, private=True)
        elif is_shareable(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=min(settings.BROWSER_CACHE_SECONDS, settings.HTTP_CACHE_SECONDS),
                s_maxage=shared_max_age(request, settings.HTTP_CACHE_SECONDS),
            )
            # Browsers keep a signed-out copy apart from what they see once signed in.
            patch_vary_headers(response, ["Cookie"])
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response


# --- purging ---------------------------------------------------------------------------


def paths_pattern(paths) -> str:
    """A pattern for `ban` matching exactly these paths (with any query string).

    Paths are percent-encoded as browsers send them, and the pattern is written without
    backslashes, which Varnish's ban expressions would read as escapes."""
    # A page's URL is absolute when its schema has more than one Wagtail site.
    paths = sorted({urlsplit(path).path or "/" for path in paths})
    alternatives = "|".join(quote(path, safe="/").replace(".", "[.]") for path in paths)
    return f"^({alternatives})([?].*)?$"


def _send_ban(cache_url: str, host: str, pattern: str) -> None:
    request = urllib.request.Request(  # noqa: S310 - our own cache's address, from settings
        cache_url.rstrip("/") + "/",
        method="BAN",
        headers={"X-Ban-Host": host, "X-Ban-Url": pattern},
    )
    with urllib.request.urlopen(request, timeout=settings.HTTP_CACHE_PURGE_TIMEOUT):  # noqa: S310
        pass


def ban_everywhere(hosts, pattern, cache_urls) -> list[str]:
    """Send the ban to each cache; return the caches that did not take it."""
    failed = []
    for cache_url in cache_urls:
        try:
            for host in hosts:
                _send_ban(cache_url, host, pattern)
        except (OSError, urllib.error.URLError):
            logger.warning("HTTP cache %s did not take a ban", cache_url, exc_info=True)
            failed.append(cache_url)
    return failed


def ban(hosts, pattern: str = EVERYTHING) -> None:
    """Drop what the HTTP caches hold for these host names whose path (and query)
    matches `pattern`, a regular expression starting `^/`, now; a cache that cannot be
    reached is tried again in the background."""
    if not _SAFE_PATTERN.match(pattern):
        raise ValueError(f"Not a ban pattern for a path: {pattern!r}")
    hosts = sorted({host.lower() for host in hosts if host})
    if not hosts or not settings.HTTP_CACHE_PURGE_URLS:
        return
    failed = ban_everywhere(hosts, pattern, settings.HTTP_CACHE_PURGE_URLS)
    if not failed:
        return
    if app.conf.task_always_eager:  # no worker to try again later
        logger.error("HTTP caches %s missed a ban for %s", failed, hosts)
        return
    try:
        ban_later = task_named("labourhub.tasks.ban_later")  # labourhub.tasks imports this module
        ban_later.apply_async(args=(hosts, pattern, failed), countdown=2)
    except Exception:  # noqa: BLE001 - the broker being down must not fail a publish
        logger.error("could not queue a ban for %s; pages may stay stale", hosts, exc_info=True)
