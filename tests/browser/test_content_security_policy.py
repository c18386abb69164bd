"""The Content-Security-Policy in Chromium: every page a visitor, a member or an officer
opens works under its policy, with nothing blocked and nothing reported, and Chromium
understands every feature the Permissions-Policy names."""

import re
import uuid

import pytest
from playwright.sync_api import expect
from wagtail.admin.models import EditingSession, FormState
from wagtail.models import PageSubscription

from constituencies.models import Constituency
from constituencies.website.models import EventPage
from tests.browser.conftest import sign_in
from tests.factories import add_event, add_news, make_officer

PASSWORD = "correct horse battery staple"
HOST = "testford-north.localhost"
# What Chromium writes to the console when a policy blocks something, or cannot read one.
COMPLAINT = re.compile(r"Content.Security.Policy|Permissions.Policy|Refused to", re.IGNORECASE)


@pytest.fixture
def north(committed):
    with committed():
        return Constituency.objects.get(gss_code="E14999901")


@pytest.fixture
def event(committed, north):
    with committed(), north:
        committed.cleanup(add_news("Bus routes saved", summary="The 42 keeps running."))
        return committed.cleanup(
            add_event("Street stall", starts_in_days=5, venue="Outside the library", capacity=5)
        )


class Watcher:
    """Every console message and page error Chromium reports, and each page's policy."""

    def __init__(self, page):
        self.complaints = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.complaints.append(f"page error: {error}"))

    def _console(self, message):
        if COMPLAINT.search(message.text):
            self.complaints.append(f"{message.type}: {message.text}")


def _open(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers["content-security-policy"]
    assert "report-uri /csp-report/" in policy, url
    assert "camera=()" in response.headers["permissions-policy"], url
    page.wait_for_load_state("networkidle")
    return policy


def test_public_pages_work_under_their_policy_with_nothing_blocked(
    desktop, site, event, screenshots
):
    page = desktop
    watcher = Watcher(page)

    policy = _open(page, site.url("/", host=HOST))
    assert "'unsafe-inline'" not in policy
    expect(page.get_by_role("heading", level=1, name="Testford North Labour")).to_be_visible()
    # The site's accent colour comes from the stylesheet.
    header_colour = page.locator(".site-header").evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert header_colour == "rgb(200, 16, 46)"
    screenshots(page, "site-home")

    _open(page, site.url(event.url, host=HOST))
    page.get_by_role("link", name="Sign up").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_label("Name", exact=True)).to_be_visible()
    screenshots(page, "event-sign-up")

    _open(page, site.url("/"))
    expect(page.get_by_role("link", name="Find your local party")).to_be_visible()
    screenshots(page, "hub")

    _open(page, site.url("/accounts/login/"))
    expect(page.get_by_label("Password")).to_be_visible()
    screenshots(page, "login")

    assert watcher.complaints == []


def test_the_wagtail_editor_works_under_the_admins_policy(
    desktop, site, committed, north, event, screenshots
):
    suffix = uuid.uuid4().hex[:6]
    with committed():
        officer = committed.cleanup(make_officer(north, email=f"csp-{suffix}@example.org"))
        committed.cleanup(officer.member)  # officers are members: their record goes first
    page = desktop

    @committed.defer
    def forget_the_editor():
        # Kept in the site's schema, out of reach of the user's cascade.
        with north:
            for model in (EditingSession, FormState, PageSubscription):
                model.objects.filter(user_id=officer.pk).delete()

    watcher = Watcher(page)

    sign_in(page, site, HOST, officer.email, PASSWORD)
    expect(page.get_by_role("heading", name="Testford North")).to_be_visible()

    with committed(), north:
        event_id = EventPage.objects.get(pk=event.pk).pk
    policy = _open(page, site.url(f"/admin/pages/{event_id}/edit/", host=HOST))
    assert "frame-ancestors 'self'" in policy
    expect(page.locator("#id_title")).to_have_value("Street stall")
    # The date picker is one of Wagtail's inline scripts at work.
    page.locator("#id_starts_at").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    page.keyboard.press("Escape")
    screenshots(page, "page-editor")

    # The preview panel shows the public page inside the admin.
    with page.expect_response(lambda response: "/edit/preview/?" in response.url):
        page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Street stall")
    screenshots(page, "page-editor-preview")

    assert watcher.complaints == []
