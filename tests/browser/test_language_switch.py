"""The language switch in a real browser, on a site that offers Welsh: on a 360 px phone
a visitor reads an event in English, switches to Welsh, signs up in Welsh (the form, its
errors, the email and the confirm page), switches back, and, from a story not
yet in Welsh, lands on the Welsh home page with a note. Nothing scrolls sideways, in
either language, on a phone or a desktop."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect
from wagtail_localize.models import TranslationSource

from constituencies.languages.translating import translate_page
from constituencies.models import Constituency
from constituencies.signups.models import EventSignup
from tests.factories import add_event, add_news

HOST = "testford-south.localhost"
NARROW = {"width": 360, "height": 780}


@pytest.fixture
def south(committed):
    with committed():
        return Constituency.objects.get(gss_code="W07999902")


@pytest.fixture
def event_in_both(committed, south):
    """An event with a live Welsh version, and a story only in English, committed."""
    with committed(), south:
        event = committed.cleanup(
            add_event("Street stall", starts_in_days=5, venue="Outside the library", capacity=8)
        )
        story = committed.cleanup(add_news("Only in English for now"))
        welsh = committed.cleanup(
            translate_page(event, {"Street stall": "Stondin stryd", "An event.": "Digwyddiad."})
        )
        urls = event.url, welsh.url, story.url

    @committed.defer
    def forget_the_translation():
        with south:
            TranslationSource.objects.filter(object_id=event.translation_key).delete()

    return urls


@pytest.fixture
def narrow(chromium):
    """The narrowest common phone, 360 px (conftest's `phone` is 390): the switch must
    fit beside the Members link in either language."""
    context = chromium.new_context(
        viewport=NARROW, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


def _sideways_overflow(page):
    return page.evaluate(
        "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )


def test_a_visitor_on_a_phone_switches_an_event_to_welsh_and_back(
    narrow, site, event_in_both, screenshots, south
):
    english_url, welsh_url, story_url = event_in_both
    page = narrow
    page.goto(site.url(english_url, host=HOST))
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")
    screenshots(page, "english")
    assert _sideways_overflow(page) <= 0

    switch = page.get_by_role("link", name="Cymraeg")
    expect(switch).to_have_attribute("hreflang", "cy")
    switch.tap()
    page.wait_for_url(f"**{welsh_url}")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1, name="Stondin stryd")).to_be_visible()
    expect(page.get_by_text("Pryd", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Cofrestrwch")).to_be_visible()
    screenshots(page, "welsh")
    assert _sideways_overflow(page) <= 0

    # Signing up in Welsh: the form, its errors, the email and the confirm page are Welsh.
    page.get_by_role("link", name="Cofrestrwch").tap()
    page.get_by_label("Enw", exact=True).fill("Gwen Ymwelydd")
    page.get_by_label("E-bost", exact=True).fill("gwen@example.org")
    page.get_by_role("button", name="Cofrestrwch").tap()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Enw", exact=True)).to_have_value("Gwen Ymwelydd")
    screenshots(page, "welsh-sign-up-error-kept")
    page.get_by_label(re.compile("Rwy'n cytuno")).check()
    page.get_by_role("button", name="Cofrestrwch").tap()
    expect(page.get_by_text("Rydym yn cadw eich lle.")).to_be_visible()
    assert _sideways_overflow(page) <= 0
    screenshots(page, "welsh-signed-up")
    request = next(m for m in mail.outbox if m.to == ["gwen@example.org"])
    assert request.subject == "Cadarnhewch eich lle: Stondin stryd"
    confirm_path = urlsplit(re.search(r"https?://\S+/confirm/", request.body).group()).path
    assert confirm_path.startswith("/cy/sign-ups/")
    page.goto(site.url(confirm_path, host=HOST))
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.get_by_role("button", name="Cadarnhau fy lle").tap()
    expect(page.get_by_role("status")).to_contain_text("Mae eich lle wedi'i gadarnhau")
    screenshots(page, "welsh-place-confirmed")
    with south:
        signup = EventSignup.objects.get(email="gwen@example.org")
        # One set of places: the Welsh page's sign-up is the event's own.
        assert signup.event.url == english_url
        assert (signup.language, signup.status) == ("cy", "confirmed")

    # The choice is remembered: the site's address now opens in Welsh.
    page.goto(site.url("/", host=HOST))
    page.wait_for_url("**/cy/")
    expect(page.locator("html")).to_have_attribute("lang", "cy")

    page.goto(site.url(welsh_url, host=HOST))
    page.get_by_role("link", name="English").tap()
    page.wait_for_url(f"**{english_url}")
    expect(page.get_by_role("heading", level=1, name="Street stall")).to_be_visible()

    page.goto(site.url(story_url, host=HOST))
    page.get_by_role("link", name="Cymraeg").tap()
    page.wait_for_url("**/cy/?untranslated=1")
    expect(page.get_by_text("Nid yw'r dudalen hon ar gael yn Gymraeg eto.")).to_be_visible()
    screenshots(page, "welsh-home-with-note")
    assert _sideways_overflow(page) <= 0


def test_the_welsh_event_page_on_a_desktop(desktop, site, event_in_both, screenshots):
    _, welsh_url, _ = event_in_both
    desktop.goto(site.url(welsh_url, host=HOST))
    expect(desktop.get_by_role("link", name="English")).to_be_visible()
    expect(desktop.get_by_role("heading", level=1, name="Stondin stryd")).to_be_visible()
    screenshots(desktop, "welsh-event")
    assert _sideways_overflow(desktop) <= 0
