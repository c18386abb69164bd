"""The Wagtail admin of a constituency opens only to its current officers and to
central staff, on every admin URL; the hub's admin only to central staff."""

import re

import pytest
from django.urls import URLResolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django_tenants.utils import schema_context
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.models import Site

from tests.helpers import client_for

# Regex-style admin URLs cannot be reversed generically; each gets a sample. A new
# one appearing makes the walk fail, so no admin URL is ever silently skipped.
REGEX_SAMPLES = {
    r"^(\d+)/revisions/compare/(live|earliest|\d+)\.\.\.(live|latest|\d+)/$": (
        "{id}/revisions/compare/earliest...latest/"
    ),
    r"^.*/$": "anything/",
}
DENIED_TEXT = "You cannot open this admin"
# Wagtail's own login and logout are handed to the account pages (tested below).
ACCOUNT_HANDOFFS = {"/admin/login/", "/admin/logout/"}
# Wagtail's page for testing error reporting raises on purpose.
DELIBERATE_ERROR_PAGE = "/admin/failwhale/"


def _sample_for_route(route: str, sample_id: int) -> str:
    def replace(match):
        converter = match.group(1) or "str"
        # Object ids are often captured as str, so str gets the id too.
        return {
            "int": str(sample_id),
            "slug": "sample",
            "str": str(sample_id),
            "path": "sample/path",
            "uuid": "00000000-0000-0000-0000-000000000000",
        }[converter]

    return re.sub(r"<(?:(\w+):)?\w+>", replace, route)


def admin_paths(sample_id: int) -> list[str]:
    paths = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern.pattern, RegexPattern):
                regex = str(pattern.pattern)
                literal = regex.removeprefix("^").removesuffix("$")
                if not re.search(r"[()\\*+?\[\]|{}]", literal):
                    piece = literal
                else:
                    assert regex in REGEX_SAMPLES, f"add a sample for admin URL regex {regex!r}"
                    piece = REGEX_SAMPLES[regex].format(id=sample_id)
            else:
                assert isinstance(pattern.pattern, RoutePattern)
                piece = _sample_for_route(str(pattern.pattern), sample_id)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + piece)
            else:
                paths.append(prefix + piece)

    walk(wagtailadmin_urls.urlpatterns, "/admin/")
    assert set(paths) >= ACCOUNT_HANDOFFS
    return sorted(set(paths) - ACCOUNT_HANDOFFS)


@pytest.fixture
def home_page_id(clp_b, in_schema):
    with in_schema(clp_b):
        return Site.objects.get().root_page_id


@pytest.fixture
def paths(home_page_id):
    found = admin_paths(home_page_id)
    assert len(found) > 150  # the whole admin URLconf, not a sample
    return found


def _is_denied(response) -> bool:
    return response.status_code == 403 and DENIED_TEXT in response.content.decode()


def _is_sent_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_anonymous_visitors_are_sent_to_login_from_every_admin_url(clp_b, paths):
    client = client_for(clp_b)
    not_redirected = [p for p in paths if not _is_sent_to_login(client.get(p))]
    assert not_redirected == []


def test_a_member_is_refused_every_admin_url(clp_b, member_user, paths):
    client = client_for(clp_b, member_user)
    allowed = [p for p in paths if not _is_denied(client.get(p))]
    assert allowed == []


def test_an_officer_of_another_constituency_is_refused_every_admin_url(clp_b, officer_a, paths):
    client = client_for(clp_b, officer_a)
    allowed = [p for p in paths if not _is_denied(client.get(p))]
    assert allowed == []


def test_an_officer_whose_appointment_has_ended_is_refused_every_admin_url(
    clp_a, expired_officer_a, in_schema
):
    with in_schema(clp_a):
        home_id = Site.objects.get().root_page_id
    client = client_for(clp_a, expired_officer_a)
    allowed = [p for p in admin_paths(home_id) if not _is_denied(client.get(p))]
    assert allowed == []


def _walk_as_admitted(client, paths):
    client.raise_request_exception = False
    blocked, errors = [], []
    for path in paths:
        response = client.get(path)
        if _is_denied(response) or _is_sent_to_login(response):
            blocked.append(path)
        elif response.status_code >= 500 and path != DELIBERATE_ERROR_PAGE:
            errors.append((path, response.status_code))
    return blocked, errors


def test_an_officer_is_admitted_to_every_admin_url_of_their_own_constituency(
    clp_b, officer_b, paths
):
    blocked, errors = _walk_as_admitted(client_for(clp_b, officer_b), paths)
    assert blocked == []
    assert errors == []


def test_central_staff_are_admitted_to_every_admin_url(clp_b, staff_user, paths):
    blocked, errors = _walk_as_admitted(client_for(clp_b, staff_user), paths)
    assert blocked == []
    assert errors == []


def test_every_admin_url_of_the_hub_answers_central_staff_without_an_error(hub, staff_user):
    """The hub's schema has no constituency tables: their admin areas say "not found"."""
    with schema_context("public"):
        root_id = Site.objects.get().root_page_id
    client = client_for("localhost", staff_user)
    blocked, errors = _walk_as_admitted(client, admin_paths(root_id))
    assert blocked == []
    assert errors == []
    assert client.get("/admin/signups/").status_code == 404


def test_the_hub_admin_opens_only_to_central_staff(hub, officer_a, member_user, staff_user):
    assert client_for("localhost", staff_user).get("/admin/").status_code == 200
    assert _is_denied(client_for("localhost", officer_a).get("/admin/"))
    assert _is_denied(client_for("localhost", member_user).get("/admin/"))
    assert _is_sent_to_login(client_for("localhost").get("/admin/"))


def test_wagtail_login_and_logout_are_replaced_by_the_account_pages(clp_a, officer_a):
    response = client_for(clp_a).get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    response = client_for(clp_a, officer_a).get("/admin/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/logout/"


def test_wagtail_login_for_private_pages_goes_through_the_account_login_too(clp_a):
    response = client_for(clp_a).get("/_util/login/?next=/members-only/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/members-only/"


def test_officers_change_their_email_and_password_only_on_the_account_pages(clp_a, officer_a):
    """Those pages verify a new address and re-check the second factor."""
    officer = client_for(clp_a, officer_a)
    account = officer.get("/admin/account/").content.decode()
    assert 'name="email-email"' not in account
    assert 'name="password-new_password1"' not in account
    officer.post("/admin/account/", {"email-email": "taken.over@example.org"})
    officer_a.refresh_from_db()
    assert officer_a.email != "taken.over@example.org"
    # Wagtail's own password reset is gone: the account pages' reset is the only one.
    assert officer.get("/admin/password_reset/").status_code == 404
    assert (
        client_for(clp_a).get("/admin/password_reset/")["Location"].startswith("/accounts/login/")
    )


def test_a_suspended_site_locks_its_admin_to_officers_but_not_to_staff(
    clp_a, officer_a, staff_user
):
    clp_a.suspend()
    assert _is_denied(client_for(clp_a, officer_a).get("/admin/"))
    assert client_for(clp_a, staff_user).get("/admin/").status_code == 200
