"""The HTTP cache in front, for real: Debian's varnishd with deploy/varnish/labourhub.vcl,
in front of a live server, purged by the bans the app sends."""

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings as django_settings
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from constituencies.models import Constituency
from constituencies.signups.models import EventSignup
from labourhub import varnish
from roles.models import Role
from tests.factories import add_event, add_news, make_officer
from tests.helpers import eventually

NORTH = "testford-north.localhost"
SOUTH = "testford-south.localhost"

pytestmark = pytest.mark.varnish


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def cached(self) -> bool:
        return self.headers.get("X-Cache") == "hit"


class ThroughVarnish:
    def __init__(self, port):
        self.port = port

    def request(self, host, path, *, cookie=None, data=None, method=None) -> Response:
        headers = {"Host": f"{host}:{self.port}"}
        if cookie:
            headers["Cookie"] = cookie
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 - our own test server
            f"http://127.0.0.1:{self.port}{path}", data=body, headers=headers, method=method
        )
        opener = urllib.request.build_opener(_NoRedirects)
        try:
            with opener.open(request, timeout=10) as answer:
                return Response(answer.status, answer.headers, answer.read().decode())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read().decode())

    def get(self, host, path, **kwargs) -> Response:
        return self.request(host, path, **kwargs)

    def ban_everything(self):
        for host in (NORTH, SOUTH, "localhost"):
            request = urllib.request.Request(  # noqa: S310
                f"http://127.0.0.1:{self.port}/",
                method="BAN",
                headers={"X-Ban-Host": host, "X-Ban-Url": "^/"},
            )
            with urllib.request.urlopen(request, timeout=5):  # noqa: S310
                pass


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def app_server(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def varnish_port(app_server, tmp_path_factory):
    if varnish.varnishd() is None:
        pytest.skip(varnish.INSTALL_HINT)
    port = varnish.free_port()
    process = varnish.start(
        port=port, backend_port=app_server.thread.port, workdir=tmp_path_factory.mktemp("varnish")
    )
    yield port
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def cache(varnish_port, settings, django_db_blocker):
    """Varnish in front of the live server, told about every publish; database access
    stays open (outside any transaction) so the server thread sees what tests commit."""
    settings.HTTP_CACHE_PURGE_URLS = [f"http://127.0.0.1:{varnish_port}"]
    through = ThroughVarnish(varnish_port)
    with django_db_blocker.unblock():
        through.ban_everything()
        yield through


@pytest.fixture
def north(committed):
    with committed():
        return Constituency.objects.get(slug="testford-north")


def test_a_published_change_shows_at_once_and_other_sites_stay_cached(cache, committed, north):
    with committed(), north:
        story = committed.cleanup(add_news("Library saved"))
    assert not cache.get(NORTH, story.url).cached
    assert cache.get(NORTH, story.url).cached
    assert not cache.get(NORTH, "/news/").cached
    assert cache.get(NORTH, "/news/").cached
    cache.get(SOUTH, "/")
    other = cache.get(SOUTH, "/")
    assert other.cached

    with committed(), north:
        story.title = "Library saved for good"
        story.save_revision().publish()

    changed = eventually(
        lambda: "Library saved for good" in cache.get(NORTH, story.url).body, timeout=2
    )
    assert changed, "the change did not show through the HTTP cache within 2 s"
    assert "Library saved for good" in cache.get(NORTH, "/news/").body
    # The first request after the publish is still a hit: the ban left this site alone.
    still = cache.get(SOUTH, "/")
    assert still.cached
    assert still.body == other.body


def test_a_suspended_site_answers_503_at_once(cache, committed, north):
    cache.get(NORTH, "/")
    assert cache.get(NORTH, "/").cached
    with committed():
        north.suspend()
        committed.defer(north.reactivate)
    suspended = cache.get(NORTH, "/")
    assert suspended.status == 503
    assert "temporarily unavailable" in suspended.body
    assert cache.get(NORTH, "/").status == 503  # and that is not kept either
    assert cache.get(SOUTH, "/").status == 200
    with committed():
        north.reactivate()
    assert cache.get(NORTH, "/").status == 200


def _session_cookie(committed, north, role=Role.SECRETARY):
    with committed():
        officer = committed.cleanup(
            make_officer(north, role, email="varnish.officer@example.org", mfa=False)
        )
        committed.cleanup(officer.member)  # officers are members: their record goes first
        client = Client(HTTP_HOST=NORTH)
        client.force_login(officer)
    name = django_settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def test_a_signed_in_officer_never_gets_or_leaves_a_cached_page(cache, committed, north):
    cookie = _session_cookie(committed, north)
    first = cache.get(NORTH, "/news/", cookie=cookie)
    assert first.status == 200
    assert not first.cached
    assert "private" in first.headers["Cache-Control"]
    assert not cache.get(NORTH, "/news/", cookie=cookie).cached
    visitor = cache.get(NORTH, "/news/")  # the officer's visits stored nothing
    assert not visitor.cached
    assert "userbar" not in visitor.body
    assert cache.get(NORTH, "/news/").cached
    again = cache.get(NORTH, "/news/", cookie=cookie + "; csrftoken=abc")
    assert not again.cached  # the visitors' copy is not given to the officer
    assert "userbar" in again.body


@pytest.mark.parametrize(
    ("host", "path"),
    [
        ("localhost", "/official/?q=x.com/someone"),
        ("localhost", "/healthz"),
        ("localhost", "/accounts/login/"),
        (NORTH, "/accounts/login/"),
        (NORTH, "/news/?made-up=1"),
    ],
)
def test_personal_live_and_made_up_addresses_are_never_stored(cache, host, path):
    cache.get(host, path)
    assert not cache.get(host, path).cached


def test_trackers_on_shared_links_share_the_cached_page(cache):
    cache.get(NORTH, "/news/?page=1")
    assert cache.get(NORTH, "/news/?utm_source=mastodon&page=1&fbclid=abc").cached


def test_a_visitor_signs_up_through_the_cache_and_sees_the_places_left(cache, committed, north):
    with committed(), north:
        event = committed.cleanup(add_event("Street stall", capacity=2))
        committed.defer(lambda: _delete_signups(north))
    assert "2 of 2 left" in cache.get(NORTH, event.url).body
    assert cache.get(NORTH, event.url).cached
    form = cache.get(NORTH, f"{event.url}sign-up/")
    assert not form.cached
    csrf_cookie = re.search(r"csrftoken=([^;]+)", form.headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)

    answer = cache.request(
        NORTH,
        f"{event.url}sign-up/",
        cookie=f"csrftoken={csrf_cookie}",
        data={
            "csrfmiddlewaretoken": token,
            "name": "Ann Example",
            "email": "ann.varnish@example.org",
            "consent": "on",
            "website": "",
        },
    )
    assert answer.status == 302
    messages = re.search(r"messages=([^;]+)", answer.headers["Set-Cookie"]).group(1)
    with_message = cache.get(NORTH, event.url, cookie=f"messages={messages}")
    # The place is held while the visitor confirms their address from the email.
    assert "re holding your place" in with_message.body
    assert "1 of 2 left" in cache.get(NORTH, event.url).body


def _delete_signups(north):
    with north:
        EventSignup.objects.filter(email="ann.varnish@example.org").delete()


# --- stale rather than down ---------------------------------------------------------------


class _FlakyApp(BaseHTTPRequestHandler):
    """A stand-in app: pages a shared cache may keep for a second, and a health check.
    Unwell, it answers 503 to everything, as the app does while its database is down."""

    healthy = True

    def do_GET(self):  # noqa: N802 - the HTTP method's name
        if not type(self).healthy:
            body = b"the app's own 503 page"
            self.send_response(503)
            self.send_header("Cache-Control", "private, no-store")
        elif self.path == "/healthz":
            body = b"ok"
            self.send_response(200)
        else:
            body = f"page {self.path} made at {time.monotonic()}".encode()
            self.send_response(200)
            self.send_header("Cache-Control", "public, max-age=0, s-maxage=1")
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_cached_pages_are_served_stale_while_the_app_is_down(tmp_path):
    if varnish.varnishd() is None:
        pytest.skip(varnish.INSTALL_HINT)
    handler = type("App", (_FlakyApp,), {"healthy": True})
    app = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    port = varnish.free_port()
    process = varnish.start(
        port=port,
        backend_port=app.server_port,
        workdir=tmp_path,
        probe_interval="0.5s",
        # Without the VCL's own grace, a page past its second would not be served.
        parameters={"default_grace": "0"},
    )
    through = ThroughVarnish(port)
    try:
        cached = through.get(NORTH, "/news/")
        assert cached.status == 200
        handler.healthy = False  # its database is down, say
        # Varnish's own clock: the page is past its second, and the probe (every 0.5 s)
        # has had time to notice.
        past_its_second = eventually(
            lambda: int(through.get(NORTH, "/news/").headers.get("Age", 0)) >= 2, timeout=10
        )
        assert past_its_second
        stale = through.get(NORTH, "/news/")
        assert (stale.status, stale.body) == (200, cached.body)
        uncached = through.get(NORTH, "/events/")
        assert (uncached.status, uncached.body) == (503, "the app's own 503 page")

        app.shutdown()
        app.server_close()  # and then the app stops answering at all
        stale = through.get(NORTH, "/news/")
        assert (stale.status, stale.body) == (200, cached.body)
        unreachable = through.get(NORTH, "/events/")
        assert unreachable.status == 503
        assert "back shortly" in unreachable.body
        assert unreachable.headers["Retry-After"]
    finally:
        process.terminate()
        process.wait(timeout=10)
