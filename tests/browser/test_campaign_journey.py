"""A national campaign in a real browser: a visitor on a narrow phone finds it on their
local party's home page, opens it, gets the pledge form wrong, then signs it."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import Action, CampaignPledge, NationalCampaign

HOST = "testford-north.localhost"
NARROW = {"width": 360, "height": 780}


@pytest.fixture
def campaign(committed):
    today = timezone.localdate()
    with committed():
        return committed.cleanup(
            NationalCampaign.objects.create(
                title="Homes for all",
                slug="homes-for-all-browser",
                summary="A new generation of council homes.",
                starts_on=today - dt.timedelta(days=1),
                ends_on=today + dt.timedelta(days=10),
                action=Action.PLEDGE,
                pledge_text="I back a new generation of council homes.",
                is_published=True,
            )
        )


@pytest.fixture
def narrow_phone(chromium):
    context = chromium.new_context(viewport=NARROW, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_visitor_on_a_phone_finds_and_signs_a_national_pledge(
    narrow_phone, site, campaign, committed, screenshots
):
    page = narrow_phone
    page.goto(site.url("/", host=HOST))
    expect(page.get_by_role("heading", name="National campaigns")).to_be_visible()
    screenshots(page, "home")
    page.get_by_role("link", name="Homes for all").click()
    expect(page.get_by_role("heading", level=1, name="Homes for all")).to_be_visible()
    expect(page.get_by_text("0 people have signed.")).to_be_visible()
    assert _fits_the_screen(page)
    screenshots(page, "campaign")

    page.get_by_label("Name", exact=True).fill("Vera Visitor")
    page.get_by_label("Email", exact=True).fill("vera@example.org")
    page.get_by_label(re.compile("^Postcode")).fill("bs5 6ab")
    page.get_by_role("button", name="Add my name").click()
    expect(page.get_by_role("alert")).to_contain_text(re.compile("tick the box to agree", re.I))
    expect(page.get_by_label("Name", exact=True)).to_have_value("Vera Visitor")
    assert _fits_the_screen(page)
    screenshots(page, "error-kept")

    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Add my name").click()
    expect(page.get_by_text(re.compile("Thank you: check your email"))).to_be_visible()
    expect(page.get_by_text("0 people have signed.")).to_be_visible()  # until confirmed
    screenshots(page, "signed")
    with committed():
        pledge = CampaignPledge.objects.get(campaign=campaign)
    assert pledge.postcode == "BS5 6AB"
    # The emailed link's page, and its button.
    page.goto(site.url(f"/pledges/{pledge.token}/confirm/", host=HOST))
    page.get_by_role("button", name="Confirm my pledge").click()
    expect(page.get_by_role("status")).to_contain_text("your name counts")
    assert _fits_the_screen(page)
    page.get_by_role("link", name="See the campaign").click()
    expect(page.get_by_text("1 person has signed.")).to_be_visible()
