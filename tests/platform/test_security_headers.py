"""Every response says what the browser may run and load (Content-Security-Policy) and
which of its features pages may use (Permissions-Policy). Public pages, cached whole
and given to everyone, work with the platform's own files alone; Wagtail's admin has a
policy of its own."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Site

from constituencies.website.models import AccentColour, SiteSettings
from labourhub.http_cache import CacheHeadersMiddleware
from labourhub.security_headers import ContentSecurityPolicyMiddleware
from tests.factories import add_event, add_news
from tests.helpers import client_for

STYLESHEET = Path(django_settings.BASE_DIR) / "static" / "css" / "labourhub.css"
DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb")


def policy(response, header="Content-Security-Policy") -> dict[str, list[str]]:
    directives = {}
    for part in response[header].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class _InlineCode(HTMLParser):
    """Everything in a page that a policy without 'unsafe-inline' would block."""

    DATA_TYPES = {"application/json", "application/ld+json"}

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in attributes:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
        if tag == "style":
            self.found.append("<style>")
        if (
            tag == "script"
            and "src" not in attributes
            and attributes.get("type") not in self.DATA_TYPES
        ):
            self.found.append("<script> without src")


def inline_code(response) -> list[str]:
    parser = _InlineCode()
    parser.feed(response.content.decode())
    return parser.found


@pytest.fixture
def pages_a(clp_a, in_schema):
    with in_schema(clp_a):
        story = add_news("Library saved")
        event = add_event("Street stall", venue="Outside the library", capacity=10)
    return story, event


# --- Content-Security-Policy on public pages --------------------------------------------


def _public_pages(clp_a, pages_a, member_user):
    story, event = pages_a
    site, hub = client_for(clp_a), client_for("localhost")
    member = client_for("localhost", member_user)
    return {
        "site home": site.get("/"),
        "news story": site.get(story.url),
        "event": site.get(event.url),
        "event sign-up": site.get(event.url + "sign-up/"),
        "contact": site.get("/contact/"),
        "site login": site.get("/accounts/login/"),
        "hub directory": hub.get("/"),
        "hub login": hub.get("/accounts/login/"),
        "hub sign-up": hub.get("/accounts/signup/"),
        "password reset": hub.get("/accounts/password/reset/"),
        "official lookup": hub.get("/official/"),
        "membersnet": member.get("/membersnet/", follow=True),
    }


def test_public_pages_run_only_the_platforms_own_scripts_and_styles(clp_a, pages_a, member_user):
    for name, response in _public_pages(clp_a, pages_a, member_user).items():
        assert response.status_code == 200, name
        directives = policy(response)
        for directive in ("script-src", "style-src"):
            assert "'unsafe-inline'" not in directives[directive], (name, directive)
            assert "'self'" in directives[directive], (name, directive)
        assert directives["object-src"] == ["'none'"], name
        assert directives["frame-ancestors"] == ["'none'"], name
        assert directives["base-uri"] == ["'self'"], name
        assert directives["report-uri"] == ["/csp-report/"], name
        assert directives["report-to"] == ["csp"], name
        assert response["Reporting-Endpoints"] == 'csp="/csp-report/"', name


def test_public_pages_hold_no_inline_script_style_or_handler(clp_a, pages_a, member_user):
    for name, response in _public_pages(clp_a, pages_a, member_user).items():
        assert inline_code(response) == [], name


def test_a_cached_page_carries_no_nonce_so_every_visitor_may_share_it(clp_a, pages_a):
    first, second = client_for(clp_a).get("/"), client_for(clp_a).get("/")
    assert "public" in first["Cache-Control"]
    assert second["X-Page-Cache"] == "hit"
    assert "'nonce-" not in first["Content-Security-Policy"]
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]


def _through_the_middleware(view):
    request = RequestFactory().get("/news/")
    return ContentSecurityPolicyMiddleware(CacheHeadersMiddleware(view))(request)


def test_a_page_that_uses_a_nonce_is_never_cached(db):
    response = _through_the_middleware(
        lambda request: HttpResponse(f'<script nonce="{request.csp_nonce}">go()</script>')
    )
    nonce = response.content.decode().split('"')[1]
    assert f"'nonce-{nonce}'" in policy(response)["script-src"]
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]

    without = _through_the_middleware(lambda request: HttpResponse("<p>Hello</p>"))
    assert "public" in without["Cache-Control"]
    assert "'nonce-" not in without["Content-Security-Policy"]


def test_sharing_on_mastodon_may_send_its_form_on_to_the_visitors_server(clp_a, pages_a):
    story, _ = pages_a
    response = client_for(clp_a).get("/share/mastodon/", {"page": story.pk})
    assert response.status_code == 200
    assert policy(response)["form-action"] == ["'self'", "https:"]
    # Every other form stays on the site.
    assert policy(client_for(clp_a).get(story.url))["form-action"] == ["'self'"]


def test_each_accent_colour_comes_from_the_stylesheet(clp_a, in_schema):
    stylesheet = STYLESHEET.read_text()
    for colour in AccentColour:
        with in_schema(clp_a):
            site_settings = SiteSettings.for_site(Site.objects.get())
            site_settings.accent_colour = colour.value
            site_settings.save()
        cache.clear()  # the purge runs once the (test's) transaction commits
        html = client_for(clp_a).get("/").content.decode()
        name = colour.name.lower().replace("_", "-")
        assert f'<html lang="en-GB" data-accent="{name}">' in html
        assert f'[data-accent="{name}"] {{ --site-accent: {colour.value}; }}' in stylesheet


# --- the admin's policy ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "who", "path"),
    [
        ("clp_a", "officer_a", "/admin/"),
        ("clp_a", "officer_a", "/admin/pages/"),
        ("hub", "staff_user", "/admin/"),
        ("clp_a", None, "/admin/"),
    ],
)
def test_the_admin_has_its_own_policy(request, where, who, path):
    constituency = request.getfixturevalue(where)
    user = request.getfixturevalue(who) if who else None
    response = client_for(constituency, user).get(path)
    directives = policy(response)
    # Wagtail writes inline scripts and styles; nothing else is let in.
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]  # its preview panel
    assert directives["report-uri"] == ["/csp-report/"]


def test_a_page_previewed_in_the_admin_is_framed_under_the_admins_policy(db):
    # Wagtail renders a preview by passing the page's own (public) path through the
    # middleware again: the response comes back already holding the public policy.
    def preview(request):
        response = HttpResponse("<h1>Street stall</h1>")
        response["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'"
        return response

    request = RequestFactory().get("/admin/pages/3/edit/preview/?in_preview_panel=true")
    response = ContentSecurityPolicyMiddleware(preview)(request)
    assert policy(response)["frame-ancestors"] == ["'self'"]


def test_pages_beside_the_admin_keep_the_public_policy(clp_a):
    response = client_for(clp_a).get("/administration-news/")
    assert "'unsafe-inline'" not in policy(response)["script-src"]


# --- Permissions-Policy ----------------------------------------------------------------


def test_every_response_denies_the_browser_features_no_page_uses(clp_a, hub, officer_a, pages_a):
    responses = [
        client_for(clp_a).get("/"),
        client_for(clp_a).get("/no-such-page/"),
        client_for(clp_a, officer_a).get("/admin/"),
        client_for("localhost").get("/"),
        client_for("localhost").get("/accounts/login/"),
        client_for("localhost").get("/healthz"),
        client_for(clp_a).get("/static/css/labourhub.css"),
    ]
    for response in responses:
        features = dict(
            item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
        )
        for feature in DENIED_FEATURES:
            assert features[feature] == "()", (response.request["PATH_INFO"], feature)
