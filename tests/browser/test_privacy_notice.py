"""A constituency's privacy notice and the hub's read well on a 360 px phone and at
desktop width (nothing scrolls sideways, and the footer links to them); central staff
change the wording once in the hub's admin and a site shows it."""

import uuid

import pytest
from playwright.sync_api import expect

from governance.models import AuditEvent
from privacy.models import NoticeKind, PrivacyNotice
from tests.browser.conftest import sign_in
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"

NARROW = {"width": 360, "height": 780}


@pytest.fixture
def narrow(chromium):
    context = chromium.new_context(viewport=NARROW, device_scale_factor=2, is_mobile=True)
    yield context.new_page()
    context.close()


def _sideways_overflow(page):
    return page.evaluate(
        "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )


@pytest.mark.parametrize("host", ["testford-north.localhost", "localhost"])
def test_the_notice_fits_a_phone_and_a_desktop(narrow, desktop, site, screenshots, host):
    for page, name in ((narrow, "360px"), (desktop, "1280px")):
        page.goto(site.url("/", host=host))
        page.get_by_role("link", name="Privacy", exact=True).click()
        page.get_by_role("heading", level=1).wait_for()
        assert "last updated" in page.text_content(".privacy-notice__version")
        screenshots(page, name)
        assert _sideways_overflow(page) <= 0


@pytest.fixture
def staff_member(committed):
    suffix = uuid.uuid4().hex[:8]
    with committed():
        notice = PrivacyNotice.objects.get(kind=NoticeKind.CONSTITUENCY)
        kept = {"title": notice.title, "body": notice.body, "version": notice.version}
        committed.defer(lambda: PrivacyNotice.objects.filter(pk=notice.pk).update(**kept))
        committed.defer(lambda: AuditEvent.objects.filter(action="privacy.notice_changed").delete())
        return committed.cleanup(
            UserFactory(email=f"staff-{suffix}@example.org", is_central_staff=True, mfa=True)
        )


def test_staff_change_the_notice_once_and_a_site_shows_it(desktop, site, staff_member, screenshots):
    page = desktop
    sign_in(page, site, "localhost", staff_member.email, PASSWORD)
    page.get_by_role("link", name="Privacy notices").click()
    page.get_by_role("link", name="Privacy notice: Constituency sites").click()
    english = page.get_by_role("tabpanel", name="English")
    expect(english.get_by_text("{representative}", exact=True)).to_be_visible()
    screenshots(page, "edit-screen")
    page.locator("#id_title").fill("{party}: your data")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages .success")).to_contain_text("updated")
    screenshots(page, "saved")
    page.goto(site.url("/privacy/", host="testford-north.localhost"))
    expect(
        page.get_by_role("heading", name="Testford North Constituency Labour Party: your data")
    ).to_be_visible()
