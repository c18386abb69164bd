"""What the app tells the HTTP cache in front and browsers they may keep, and the bans it
sends when a site changes. Varnish itself is in test_varnish.py."""

import datetime as dt
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from constituencies.models import Domain
from constituencies.website.models import Representative
from labourhub import http_cache
from roles.models import Role
from tests.factories import add_event, add_news, make_officer
from tests.helpers import client_for

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "labourhub.vcl"


def _directives(response) -> dict:
    directives = {}
    for part in response["Cache-Control"].split(","):
        name, _, value = part.strip().partition("=")
        directives[name.lower()] = value or True
    return directives


def _is_public(response) -> bool:
    directives = _directives(response)
    return directives.get("public") is True and "private" not in directives


def _is_private_no_store(response) -> bool:
    directives = _directives(response)
    return "private" in directives and "no-store" in directives and "public" not in directives


# --- Cache-Control ----------------------------------------------------------------------


def test_anonymous_public_pages_may_be_kept_until_purged(clp_a, in_schema, settings):
    settings.HTTP_CACHE_SECONDS = 86400
    settings.BROWSER_CACHE_SECONDS = 60
    with in_schema(clp_a):
        news = add_news("Library saved")
    for path in (
        "/",
        "/news/",
        news.url,
        "/news/feed/rss/",
        "/events/past/",
        "/get-involved/",
        "/sitemap.xml",
        "/robots.txt",
    ):
        response = client_for(clp_a).get(path)
        assert response.status_code == 200, path
        directives = _directives(response)
        assert _is_public(response), (path, response["Cache-Control"])
        assert directives["s-maxage"] == "86400", path
        assert directives["max-age"] == "60", path
        assert "Cookie" in response["Vary"], path


def test_the_hubs_directory_is_public_too(clp_a):
    assert _is_public(client_for("localhost").get("/"))
    assert _is_public(client_for("localhost").get("/", {"q": "testford"}))


def test_pages_with_forms_are_private(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Stall", capacity=10)
        Representative.objects.create(name="Nora North", email="nora@example.org")
    for path in ("/contact/", f"{event.url}sign-up/", f"/share/mastodon/?page={event.pk}"):
        response = client_for(clp_a).get(path)
        assert response.status_code == 200, path
        assert _is_private_no_store(response), (path, response["Cache-Control"])
        assert "csrftoken" in response.cookies, path


def test_signed_in_visitors_get_private_pages(clp_a, officer_a, member_user):
    assert _is_private_no_store(client_for(clp_a, officer_a).get("/"))
    assert _is_private_no_store(client_for("localhost", member_user).get("/"))


def test_a_visitor_with_a_message_waiting_gets_a_private_page(clp_a):
    assert _is_private_no_store(client_for(clp_a).get("/", HTTP_COOKIE="messages=abc"))


@pytest.mark.parametrize(
    ("host", "path"),
    [
        ("localhost", "/accounts/login/"),
        ("localhost", "/membersnet/"),
        ("localhost", "/official/"),
        ("localhost", "/official/report/"),
        ("localhost", "/admin/"),
        ("localhost", "/healthz"),
        ("testford-north.localhost", "/admin/"),
        ("testford-north.localhost", "/accounts/login/"),
        ("testford-north.localhost", "/sign-ups/no-such-token/cancel/"),
        ("testford-north.localhost", "/documents/1/missing.pdf"),
    ],
)
def test_personal_and_live_paths_are_never_kept_by_shared_caches(clp_a, host, path):
    response = client_for(host).get(path)
    directives = _directives(response)
    assert "private" in directives, (path, response["Cache-Control"])
    assert "public" not in directives
    assert "s-maxage" not in directives


def test_the_lookups_answers_are_never_kept(clp_a):
    response = client_for("localhost").get("/official/", {"q": "x.com/someone"})
    assert _is_private_no_store(response)


def test_not_found_and_status_pages_are_private(clp_a, clp_b):
    clp_a.suspend()
    clp_b.archive()
    assert _is_private_no_store(client_for("localhost").get("/no-such-page/"))
    suspended = client_for(clp_a).get("/")
    assert suspended.status_code == 503
    assert _is_private_no_store(suspended)
    archived = client_for(clp_b).get("/")
    assert archived.status_code == 410
    assert _is_private_no_store(archived)


def test_an_events_page_is_kept_no_longer_than_until_it_finishes(clp_a, in_schema, settings):
    settings.HTTP_CACHE_SECONDS = 86400
    with in_schema(clp_a):
        event = add_event("Stall", starts_in_days=0, hours=2)
        event.starts_at = timezone.now() + dt.timedelta(minutes=30)
        event.ends_at = event.starts_at + dt.timedelta(hours=1)
        event.save_revision().publish()
    for path in (event.url, "/", "/events/", "/calendar.ics"):
        seconds = int(_directives(client_for(clp_a).get(path))["s-maxage"])
        assert 80 * 60 <= seconds <= 90 * 60, (path, seconds)
    assert _is_private_no_store(client_for(clp_a).get("/no-such-page/"))
    # From the app's own page cache too.
    seconds = int(_directives(client_for(clp_a).get("/"))["s-maxage"])
    assert seconds <= 90 * 60


def test_browsers_revalidate_public_pages_cheaply(clp_a):
    first = client_for(clp_a).get("/news/")
    again = client_for(clp_a).get("/news/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_the_vcl_never_caches_exactly_the_paths_the_settings_name(settings):
    vcl = VCL.read_text()
    match = re.search(r'if \(req\.url ~ "\^/\(([^)]*)\)"\) \{\s*return \(pass\);', vcl)
    assert match, "the VCL's never-cached rule is missing"
    vcl_paths = {"/" + alternative for alternative in match.group(1).split("|")}
    assert vcl_paths == set(django_settings.HTTP_CACHE_NEVER_CACHED_PATHS)
    never = re.compile(r"^/(" + match.group(1) + ")")
    for path in django_settings.HTTP_CACHE_NEVER_CACHED_PATHS:
        assert http_cache.is_never_cached_path(path)
        assert never.match(path)
    for path in ("/", "/news/", "/events/past/", "/calendar.ics", "/official-news/"):
        assert not http_cache.is_never_cached_path(path)
        assert not never.match(path), path


def test_the_vcl_keeps_the_session_and_message_cookies_for_the_app():
    vcl = VCL.read_text()
    assert django_settings.SESSION_COOKIE_NAME in vcl
    assert "messages" in vcl


# --- bans -------------------------------------------------------------------------------


class _BanRecorder(BaseHTTPRequestHandler):
    received: list

    def do_BAN(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.headers["X-Ban-Host"], self.headers["X-Ban-Url"]))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def http_cache_bans(settings):
    """A stand-in HTTP cache that records the bans it is sent."""
    handler = type("Recorder", (_BanRecorder,), {"received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.HTTP_CACHE_PURGE_URLS = [f"http://127.0.0.1:{server.server_port}"]
    yield handler.received
    server.shutdown()
    server.server_close()


def _hosts_banned(bans, pattern=None):
    return {host for host, banned in bans if pattern is None or banned == pattern}


def test_publishing_bans_every_page_of_that_site_only(
    clp_a, clp_b, in_schema, http_cache_bans, django_capture_on_commit_callbacks
):
    Domain.objects.create(domain="testfordnorthlabour.org.uk", tenant=clp_a, is_primary=False)
    http_cache_bans.clear()
    with in_schema(clp_a), django_capture_on_commit_callbacks(execute=True):
        add_news("Breaking", live=False).save_revision().publish()
    assert _hosts_banned(http_cache_bans) == {
        "testford-north.localhost",
        "testfordnorthlabour.org.uk",
    }
    assert {pattern for _, pattern in http_cache_bans} == {"^/"}


def test_a_sign_up_bans_only_its_event_page(
    clp_a, in_schema, http_cache_bans, django_capture_on_commit_callbacks
):
    with in_schema(clp_a):
        event = add_event("Stall", capacity=5)
    http_cache_bans.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(clp_a).post(
            f"{event.url}sign-up/",
            {"name": "Ann Example", "email": "ann@example.org", "consent": "on", "website": ""},
        )
    assert http_cache_bans == [("testford-north.localhost", f"^({event.url})([?].*)?$")]


def test_appointing_an_officer_bans_only_the_home_page(
    clp_a, http_cache_bans, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_officer(clp_a, Role.SOCIAL_MEDIA_OFFICER, email="smo.new@example.org")
    assert http_cache_bans == [("testford-north.localhost", "^(/)([?].*)?$")]


def test_suspending_bans_the_whole_site_and_the_directory(
    clp_a, http_cache_bans, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        clp_a.suspend()
    assert ("testford-north.localhost", "^/") in http_cache_bans
    assert ("localhost", "^(/)([?].*)?$") in http_cache_bans


def test_a_domain_taken_away_is_banned_too(
    clp_a, http_cache_bans, django_capture_on_commit_callbacks
):
    alias = Domain.objects.create(domain="old-name.localhost", tenant=clp_a, is_primary=False)
    http_cache_bans.clear()
    with django_capture_on_commit_callbacks(execute=True):
        alias.delete()
    assert "old-name.localhost" in _hosts_banned(http_cache_bans, "^/")


def test_an_unreachable_http_cache_does_not_fail_a_publish(
    clp_a, in_schema, settings, django_capture_on_commit_callbacks, caplog
):
    settings.HTTP_CACHE_PURGE_URLS = ["http://127.0.0.1:1"]
    with in_schema(clp_a), django_capture_on_commit_callbacks(execute=True):
        add_news("Still published", live=False).save_revision().publish()
    assert "missed a ban" in caplog.text
    assert "Still published" in client_for(clp_a).get("/news/").content.decode()


def test_ban_patterns_match_the_paths_browsers_send():
    pattern = re.compile(http_cache.paths_pattern(["/events/café-stall/", "/e/1.2/"]))
    assert pattern.match("/events/caf%C3%A9-stall/")
    assert pattern.match("/events/caf%C3%A9-stall/?page=2")
    assert pattern.match("/e/1.2/")
    assert not pattern.match("/e/1x2/")
    assert not pattern.match("/events/caf%C3%A9-stall/sign-up/")
    assert "\\" not in http_cache.paths_pattern(["/a.b/", "/c-d/"])
    with pytest.raises(ValueError, match="Not a ban pattern"):
        http_cache.ban(["a.localhost"], '^/" || true')
