"""A constituency's privacy notice and the hub's read well on a 360 px phone and at
desktop width: nothing scrolls sideways, and the footer links to them."""

import pytest

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
