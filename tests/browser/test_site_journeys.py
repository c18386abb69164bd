"""A constituency site in a real browser: a visitor on a phone reads the news, signs up
to an event, downloads it for their calendar and writes to the MP; an officer
publishes a news item and an event and sees them live."""

import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from constituencies.contact.models import ContactMessage
from constituencies.models import Constituency
from constituencies.signups.models import EventSignup
from constituencies.website.models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    Representative,
)
from tests.browser.conftest import sign_in
from tests.factories import add_event, add_news, make_officer

PASSWORD = "correct horse battery staple"
HOST = "testford-north.localhost"


@pytest.fixture
def north(committed):
    with committed():
        return Constituency.objects.get(gss_code="E14999901")


@pytest.fixture
def content(committed, north):
    """A representative, a news story and an event with two places, all committed."""
    with committed(), north:
        rep = committed.cleanup(
            Representative.objects.create(name="Nora North", email="nora@example.org")
        )
        story = committed.cleanup(
            add_news(
                "Bus routes saved",
                summary="The 42 keeps running after 1,800 people signed our petition.",
                body=[("paragraph", "<p>Thank you to everyone who signed and shared.</p>")],
            )
        )
        event = committed.cleanup(
            add_event("Street stall", starts_in_days=5, venue="Outside the library", capacity=2)
        )
    return rep, story, event


def test_a_visitor_on_a_phone_reads_signs_up_downloads_and_writes_to_the_mp(
    phone, site, content, screenshots, committed, north, tmp_path
):
    _, story, event = content
    page = phone

    @committed.defer
    def forget_the_visitor():
        with north:
            ContactMessage.objects.filter(email="vera@example.org").delete()

    page.goto(site.url("/", host=HOST))
    expect(page.get_by_role("heading", level=1, name="Testford North Labour")).to_be_visible()
    expect(page.get_by_text("Member of Parliament for Testford North")).to_be_visible()
    screenshots(page, "home")

    page.get_by_role("link", name="Bus routes saved").click()
    expect(page.get_by_role("heading", level=1, name="Bus routes saved")).to_be_visible()
    expect(page.get_by_text("Thank you to everyone who signed and shared.")).to_be_visible()
    screenshots(page, "news-story")

    page.goto(site.url(event.url, host=HOST))
    expect(page.get_by_text("2 of 2 left")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    path = tmp_path / "event.ics"
    download_info.value.save_as(path)
    (vevent,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Street stall"
    screenshots(page, "event")

    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Name", exact=True).fill("Vera Visitor")
    page.get_by_label("Email", exact=True).fill("vera@example.org")
    page.get_by_role("button", name="Sign up").click()
    # Consent is explicit, and nothing typed is lost on a failed form.
    expect(page.get_by_role("alert")).to_contain_text("tick the box to agree")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Vera Visitor")
    screenshots(page, "sign-up-error-kept")
    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text(re.compile("We're holding your place."))).to_be_visible()
    expect(page.get_by_text("1 of 2 left")).to_be_visible()
    screenshots(page, "signed-up")
    request = next(m for m in mail.outbox if m.to == ["vera@example.org"])
    confirm_path = urlsplit(re.search(r"https?://\S+/confirm/", request.body).group()).path
    page.goto(site.url(confirm_path, host=HOST))
    page.get_by_role("button", name="Confirm my place").click()
    expect(page.get_by_role("status")).to_contain_text("Your place is confirmed")
    confirmation = [m for m in mail.outbox if m.to == ["vera@example.org"]][-1]
    assert confirmation.attachments[0][0] == f"{event.slug}.ics"
    page.goto(site.url(event.url, host=HOST))

    # On a phone the site's menu is folded behind its button.
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Contact").click()
    expect(page.get_by_role("heading", name=re.compile("Write to Nora North"))).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Vera Visitor")
    page.get_by_label("Email", exact=True).fill("vera@example.org")
    page.get_by_label("Postcode", exact=True).fill("bs5 6ab")
    page.get_by_label("Subject", exact=True).fill("Buses after 8pm")
    page.get_by_label("Message", exact=True).fill("Please keep the evening buses running.")
    screenshots(page, "contact-form")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    screenshots(page, "check-your-email")

    request = next(m for m in mail.outbox if m.subject.startswith("Confirm your message"))
    link = re.search(r"http://\S+/contact/confirm/\S+/", request.body).group(0)
    page.goto(link.replace(f"http://{HOST}", f"http://{HOST}:{site.port}"))
    expect(page.get_by_role("heading", name="Confirm your message")).to_be_visible()
    page.get_by_role("button", name="Confirm and send").click()
    expect(page.get_by_text("your message is on its way")).to_be_visible()
    screenshots(page, "message-confirmed")
    delivered = next(m for m in mail.outbox if m.to == ["nora@example.org"])
    assert "Please keep the evening buses running." in delivered.body
    assert delivered.cc == []
    copy = next(m for m in mail.outbox if m.subject == "Sent to Nora North: Buses after 8pm")
    assert copy.to == ["vera@example.org"]
    assert "nora@example.org" not in copy.message().as_string()

    with committed(), north:
        assert EventSignup.objects.get(event=event).status == "confirmed"


def test_an_officer_publishes_news_and_an_event_and_sees_them_live(
    desktop, site, committed, north, screenshots
):
    suffix = uuid.uuid4().hex[:6]
    with committed():
        officer = committed.cleanup(make_officer(north, email=f"officer-{suffix}@example.org"))
        committed.cleanup(officer.member)  # officers are members: their record goes first
    page = desktop

    sign_in(page, site, HOST, officer.email, PASSWORD)
    expect(page.get_by_role("heading", name="Testford North")).to_be_visible()
    screenshots(page, "dashboard")

    with committed(), north:
        news_index_id = NewsIndexPage.objects.get(locale__language_code="en-gb").pk
        events_id = EventIndexPage.objects.get(locale__language_code="en-gb").pk

    title = f"Library saved {suffix}"
    event_title = f"Victory party {suffix}"

    @committed.defer
    def remove_what_was_published():
        with north:
            for model, page_title in ((NewsPage, title), (EventPage, event_title)):
                for created in model.objects.filter(title=page_title):
                    created.delete()

    page.goto(site.url(f"/admin/pages/add/website/newspage/{news_index_id}/", host=HOST))
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("Our campaign kept the library open.")
    screenshots(page, "news-editor")
    _publish(page)
    expect(page.get_by_text(f"Page '{title}' created and published.")).to_be_visible()
    screenshots(page, "news-published")

    starts = (timezone.localtime() + timezone.timedelta(days=10)).strftime("%Y-%m-%d 19:00")
    page.goto(site.url(f"/admin/pages/add/website/eventpage/{events_id}/", host=HOST))
    page.locator("#id_title").fill(event_title)
    page.locator("#id_summary").fill("Celebrate with us.")
    page.locator("#id_starts_at").fill(starts)
    page.locator("#id_venue").fill("The Red Lion")
    # The date picker stays open over the footer's buttons until a click elsewhere.
    page.locator("#id_summary").click()
    screenshots(page, "event-editor")
    _publish(page)
    expect(page.get_by_text(f"Page '{event_title}' created and published.")).to_be_visible()

    visitor = page.context.browser.new_context().new_page()
    visitor.goto(site.url("/", host=HOST))
    expect(visitor.get_by_role("link", name=title)).to_be_visible()
    expect(visitor.get_by_role("link", name=event_title)).to_be_visible()
    screenshots(visitor, "live-home")
    visitor.get_by_role("link", name=event_title).click()
    expect(visitor.get_by_text("The Red Lion")).to_be_visible()
    screenshots(visitor, "live-event")
    visitor.context.close()


def _publish(page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
