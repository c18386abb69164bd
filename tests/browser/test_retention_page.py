"""Central staff's "Personal data → Retention" page on a phone (360 px): the page
itself never scrolls sideways; the wide table of kinds scrolls in its own region,
which the keyboard can reach."""

import uuid

import pytest

from tests.browser.conftest import sign_in
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
NARROW = {"width": 360, "height": 780}


@pytest.fixture
def staff_member(committed):
    with committed():
        return committed.cleanup(
            UserFactory(
                email=f"staff-{uuid.uuid4().hex[:6]}@example.org",
                is_central_staff=True,
                mfa=True,
            )
        )


def test_the_retention_page_fits_a_phone(chromium, site, staff_member, screenshots):
    context = chromium.new_context(viewport=NARROW)
    try:
        page = context.new_page()
        sign_in(page, site, "localhost", staff_member.email, PASSWORD)
        page.goto(site.url("/admin/personal-data/retention/"))
        page.get_by_role("heading", name="What is kept, and for how long").wait_for()
        screenshots(page, "retention-360")

        assert (
            page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            <= 0
        )
        region = page.get_by_role("region", name="Kinds of personal data", exact=False)
        assert region.get_attribute("tabindex") == "0"
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
        assert region.evaluate("el => getComputedStyle(el).overflowX") == "auto"
        assert page.get_by_role("rowheader", name="Messages to the MP").is_visible()
    finally:
        context.close()
