"""Signing up on a phone, then confirming from the email: the place is held at once,
and counts once the visitor opens the emailed link and presses Confirm."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from constituencies.models import Constituency
from constituencies.signups.models import EventSignup
from constituencies.website.models import EventPage
from tests.factories import add_event

HOST = "testford-north.localhost"


@pytest.fixture
def north(committed):
    with committed():
        return Constituency.objects.get(gss_code="E14999901")


@pytest.fixture
def stall(committed, north):
    """An event with two places, showing how many are going."""
    with committed(), north:
        event = committed.cleanup(add_event("Confirmed stall", starts_in_days=4, capacity=2))
        EventPage.objects.filter(pk=event.pk).update(show_going_count=True)
    return event


def _fits_the_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_visitor_signs_up_on_a_phone_and_confirms_from_the_email(
    phone, site, stall, screenshots, committed, north
):
    page = phone
    page.goto(site.url(stall.url, host=HOST))
    expect(page.get_by_text("2 of 2 left")).to_be_visible()
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Name", exact=True).fill("Vera Visitor")
    page.get_by_label("Email", exact=True).fill("vera.confirms@example.org")
    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Sign up").click()

    # The place is held, and counts nobody going until it is confirmed.
    expect(
        page.get_by_text(re.compile("We're holding your place. Check your email"))
    ).to_be_visible()
    expect(page.get_by_text("1 of 2 left")).to_be_visible()
    expect(page.get_by_text("0 going")).to_be_visible()
    _fits_the_screen(page)
    screenshots(page, "held")

    [request] = [m for m in mail.outbox if m.to == ["vera.confirms@example.org"]]
    assert request.subject == "Confirm your place: Confirmed stall"
    link = re.search(r"https?://\S+/confirm/", request.body).group()
    page.goto(site.url(urlsplit(link).path, host=HOST))
    expect(
        page.get_by_role("heading", level=1, name=re.compile("Confirm your place"))
    ).to_be_visible()
    _fits_the_screen(page)
    screenshots(page, "confirm-page")
    page.get_by_role("button", name="Confirm my place").click()

    expect(
        page.get_by_role("heading", level=1, name="You're going to Confirmed stall")
    ).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Your place is confirmed")
    expect(page.get_by_role("link", name="Add it to your calendar")).to_be_visible()
    _fits_the_screen(page)
    screenshots(page, "confirmed")
    confirmed = [m for m in mail.outbox if m.to == ["vera.confirms@example.org"]][-1]
    assert confirmed.subject == "You're signed up: Confirmed stall"
    assert confirmed.attachments[0][0] == f"{stall.slug}.ics"

    page.get_by_role("link", name="See the event").click()
    expect(page.get_by_text("1 of 2 left")).to_be_visible()
    expect(page.get_by_text("1 going")).to_be_visible()
    with committed(), north:
        signup = EventSignup.objects.get(email="vera.confirms@example.org")
    assert signup.confirmed_at is not None
