"""Events in a real browser on a small phone (360 px): a visitor filters the events by
type, then signs up to two shifts of a phone bank, one of them full."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from constituencies.models import Constituency
from constituencies.signups.models import EventShift, EventSignup
from constituencies.website.models import ActivityType, EventPage
from tests.factories import add_event

HOST = "testford-north.localhost"


@pytest.fixture
def small_phone(chromium):
    context = chromium.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_bank(committed):
    """A phone bank of two one-hour shifts (the second has one place, taken), and a
    meeting."""
    with committed():
        north = Constituency.objects.get(gss_code="E14999901")
    with committed(), north:
        committed.cleanup(add_event("Browser meeting", activity_type=ActivityType.MEETING))
        event = committed.cleanup(
            add_event("Browser phone bank", hours=2, activity_type=ActivityType.PHONE_BANK)
        )
        first, second = (
            EventShift.objects.create(
                event=event,
                sort_order=number,
                starts_at=event.starts_at + dt.timedelta(hours=number),
                ends_at=event.starts_at + dt.timedelta(hours=number + 1),
                capacity=capacity,
            )
            for number, capacity in enumerate((3, 1))
        )
        EventPage.objects.filter(pk=event.pk).update(show_going_count=True)
        EventSignup.objects.create(
            event=event,
            shift=second,
            name="Early Bird",
            email="early@example.org",
            consent_text="x",
            status=EventSignup.Status.CONFIRMED,
            confirmed_at=timezone.now(),
            retain_until=event.ends_at + dt.timedelta(days=365),
        )
    return north, event, first, second


def _fits_the_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_visitor_filters_events_and_picks_two_shifts(
    small_phone, site, phone_bank, screenshots, committed
):
    north, event, first, second = phone_bank
    page = small_phone
    page.goto(site.url("/events/", host=HOST))
    filters = page.get_by_role("navigation", name="Types of event")
    filters.get_by_role("link", name="Phone bank").click()
    expect(page.get_by_role("heading", level=1, name="Events: Phone bank")).to_be_visible()
    expect(page.get_by_text("Browser meeting")).to_have_count(0)
    expect(page.get_by_text("1 going")).to_be_visible()
    _fits_the_screen(page)
    screenshots(page, "filtered")

    page.get_by_role("link", name="Browser phone bank").click()
    expect(page.get_by_text(re.compile(r": 3 of 3 places left"))).to_be_visible()
    expect(page.get_by_text(re.compile(r": full, join the waiting list"))).to_be_visible()
    _fits_the_screen(page)
    screenshots(page, "event-with-shifts")

    page.get_by_role("link", name="Pick your shifts").click()
    page.get_by_label("Name", exact=True).fill("Vera Visitor")
    page.get_by_label("Email", exact=True).fill("vera@example.org")
    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("alert")).to_contain_text("Pick at least one shift.")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Vera Visitor")
    _fits_the_screen(page)
    screenshots(page, "no-shift-picked")

    shifts = page.get_by_role("group", name="Which shifts can you do?")
    shifts.get_by_label(re.compile("3 places left")).check()
    shifts.get_by_label(re.compile("full, join the waiting list")).check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text(re.compile("Some shifts you picked are full"))).to_be_visible()
    expect(page.get_by_text(re.compile(r": 2 of 3 places left"))).to_be_visible()
    screenshots(page, "signed-up")

    with committed(), north:
        statuses = dict(
            EventSignup.objects.filter(email="vera@example.org").values_list("shift", "status")
        )
    assert statuses == {first.pk: "confirmed", second.pk: "waitlisted"}
