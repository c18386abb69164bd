"""A visitor on a 360 px phone finds an event near them on the hub's /events/ and
follows it to the constituency's own page for it."""

import uuid

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from constituencies.models import Constituency
from constituencies.website.models import ActivityType
from tests.factories import add_event


@pytest.fixture
def narrow(chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


@pytest.fixture
def event(committed):
    title = f"Browser stall {uuid.uuid4().hex[:6]}"
    with committed():
        clp = Constituency.objects.get(gss_code="E14999901")
        with schema_context(clp.schema_name):
            page = add_event(
                title, activity_type=ActivityType.STALL, venue="Market", postcode="BS5 7AA"
            )
            page.save_revision().publish()  # listed on the hub by the receivers
            return committed.cleanup(page)


def test_a_visitor_finds_an_event_by_postcode_and_type_and_opens_it(
    narrow, site, event, screenshots
):
    page = narrow
    page.goto(site.url("/"))
    page.get_by_role("button", name="Menu").click()  # the hub's menu folds on a phone
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    expect(page.get_by_role("heading", level=1, name="Events")).to_be_visible()
    page.get_by_label("Postcode").fill("bs5 6ab")
    page.get_by_label("Type of event").select_option(label="Street stall")
    page.get_by_role("button", name="Find events").click()
    expect(page.get_by_role("link", name=event.title)).to_be_visible()
    expect(page.get_by_text("Testford North · Market, BS5 7AA").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshots(page, "events-found-360")

    page.get_by_label("Postcode").fill("nonsense")
    page.get_by_role("button", name="Find events").click()
    expect(page.get_by_role("alert")).to_contain_text("Postcode: enter a postcode, like BS5 6AB")
    expect(page.get_by_label("Postcode")).to_have_value("nonsense")
    screenshots(page, "bad-postcode-360")

    page.goto(site.url("/events/?postcode=BS5&type=stall"))
    page.get_by_role("link", name=event.title).click()
    expect(page).to_have_url(site.url(event.url, host="testford-north.localhost"))
    expect(page.get_by_role("heading", level=1, name=event.title)).to_be_visible()
