"""A site's menu on a 360 px phone: folded behind a Menu button that opens it (by touch
or keyboard) and says whether it is open; nothing scrolls sideways. Without JavaScript
the whole menu shows, wrapped; on a desktop it is one line and the button never shows."""

import pytest
from playwright.sync_api import expect

HOST = "testford-north.localhost"
NARROW = {"width": 360, "height": 780}


@pytest.fixture
def narrow(chromium):
    context = chromium.new_context(
        viewport=NARROW, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def narrow_without_scripts(chromium):
    context = chromium.new_context(viewport=NARROW, java_script_enabled=False)
    yield context.new_page()
    context.close()


def _sideways_overflow(page):
    return page.evaluate(
        "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )


def _menu(page):
    return page.get_by_role("navigation", name="Main")


def test_the_menu_folds_behind_a_button_on_a_phone(narrow, site, screenshots):
    page = narrow
    page.goto(site.url("/", host=HOST))
    button = page.get_by_role("button", name="Menu")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "site-menu")
    expect(_menu(page).get_by_role("link", name="Events")).to_be_hidden()
    screenshots(page, "folded")
    assert _sideways_overflow(page) <= 0

    button.tap()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(_menu(page).get_by_role("link", name="Events")).to_be_visible()
    screenshots(page, "open")
    assert _sideways_overflow(page) <= 0

    _menu(page).get_by_role("link", name="Events").tap()
    expect(page.get_by_role("heading", level=1, name="Events")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "false")


def test_the_menu_works_from_the_keyboard(narrow, site, screenshots):
    page = narrow
    page.goto(site.url("/", host=HOST))
    button = page.get_by_role("button", name="Menu")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    first_link = _menu(page).get_by_role("link").first
    expect(first_link).to_be_focused()
    screenshots(page, "keyboard-open")
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(first_link).to_be_hidden()
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "true")


def test_without_scripts_the_whole_menu_shows_wrapped(narrow_without_scripts, site, screenshots):
    page = narrow_without_scripts
    page.goto(site.url("/", host=HOST))
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    for name in ("News", "Events", "Contact"):
        expect(_menu(page).get_by_role("link", name=name, exact=True)).to_be_visible()
    screenshots(page, "no-script")
    assert _sideways_overflow(page) <= 0


def test_on_a_desktop_the_menu_is_one_line_without_a_button(desktop, site, screenshots):
    page = desktop
    page.goto(site.url("/", host=HOST))
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    tops = page.evaluate(
        "() => [...document.querySelectorAll('#site-menu a')]"
        ".map(link => Math.round(link.getBoundingClientRect().top))"
    )
    assert len(tops) >= 3
    assert len(set(tops)) == 1
    screenshots(page, "desktop")


def test_a_missing_page_keeps_the_sites_menu(narrow, site, screenshots):
    page = narrow
    response = page.goto(site.url("/no-such-page/", host=HOST))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    expect(page.get_by_role("link", name="Testford North Labour")).to_be_visible()
    page.get_by_role("button", name="Menu").click()
    expect(_menu(page).get_by_role("link", name="Events")).to_be_visible()
    screenshots(page, "not-found")
    assert _sideways_overflow(page) <= 0


def test_the_hubs_menu_folds_behind_a_button_on_a_phone(narrow, site, screenshots):
    page = narrow
    page.goto(site.url("/"))
    button = page.get_by_role("button", name="Menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(_menu(page).get_by_role("link", name="Campaigns")).to_be_hidden()
    assert _sideways_overflow(page) <= 0
    button.tap()
    expect(_menu(page).get_by_role("link", name="Campaigns")).to_be_visible()
    screenshots(page, "hub-open")
    assert _sideways_overflow(page) <= 0
    _menu(page).get_by_role("link", name="Campaigns").tap()
    expect(page.get_by_role("heading", level=1, name="National campaigns")).to_be_visible()
