"""The answer to "Is this account official?" fits a 360 px phone, even for a long pasted
link: nothing scrolls sideways."""

from urllib.parse import urlencode

import pytest

NARROW = {"width": 360, "height": 780}
LONG_LINK = "https://www.facebook.com/groups/" + "testfordnorthlabourmembers" * 11
LONG_LINK = LONG_LINK[:300]


@pytest.fixture
def narrow(chromium):
    context = chromium.new_context(viewport=NARROW, device_scale_factor=2, is_mobile=True)
    yield context.new_page()
    context.close()


def _sideways_overflow(page):
    return page.evaluate(
        "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )


def test_a_long_pasted_link_does_not_scroll_sideways(narrow, site, screenshots):
    assert len(LONG_LINK) == 300
    narrow.goto(site.url("/official/"))
    narrow.get_by_label("Handle or address").fill(LONG_LINK)
    narrow.get_by_role("button", name="Check").click()
    narrow.get_by_role("heading", name="is not on the register").wait_for()
    screenshots(narrow, "not-on-the-register")
    assert _sideways_overflow(narrow) <= 0


def test_a_too_long_link_is_explained_without_scrolling_sideways(narrow, site, screenshots):
    # Longer than the field takes: only a hand-edited address gets here.
    narrow.goto(site.url("/official/?" + urlencode({"account": LONG_LINK + "x" * 40})))
    narrow.get_by_role("heading", name="There is a problem").wait_for()
    screenshots(narrow, "too-long")
    assert _sideways_overflow(narrow) <= 0
