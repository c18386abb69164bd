"""What a visitor sees on a constituency's site, page type by page type, in two tenants."""

import datetime as dt
import io
import re

import feedparser
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from PIL import Image as PILImage
from wagtail.images.forms import get_image_form
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from constituencies.tasks import publish_scheduled_pages, run_for_every_constituency
from constituencies.website.models import (
    EVENTS_PER_PAGE,
    ContactPage,
    EventPage,
    GetInvolvedPage,
    HomePage,
    NewsPage,
    Representative,
    SiteSettings,
)
from tests.factories import add_event, add_news, make_officer
from tests.helpers import client_for


def _image(title="Picture", alt="Volunteers outside the library", size=(1600, 900)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#c8102e").save(buffer, format="PNG")
    return Image.objects.create(
        title=title, description=alt, file=ImageFile(buffer, name=f"{title}.png")
    )


def _get(constituency, path, **kwargs):
    response = client_for(constituency).get(path, **kwargs)
    return response, response.content.decode()


def _meta(html, prop):
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return match.group(1) if match else None


# --- every page type, two tenants -------------------------------------------------


def test_every_page_type_shows_its_own_sites_content_only(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        news = add_news("Allotments saved in the north")
        event = add_event("Northern canvass", venue="North Hall")
        activity = EventPage(
            title="Northern phone bank",
            summary="Calls.",
            starts_at=timezone.now() + dt.timedelta(days=2),
        )
        GetInvolvedPage.objects.get().add_child(instance=activity)
        Representative.objects.create(name="Nora North", email="nora@example.org")
    with in_schema(clp_b):
        add_news("Southern library reopens")
        Representative.objects.create(name="Sid South", email="sid@example.org")

    pages = {
        "/": ["Nora North", "Allotments saved in the north", "Northern canvass"],
        "/news/": ["Allotments saved in the north"],
        news.url: ["Allotments saved in the north"],
        "/events/": ["Northern canvass"],
        event.url: ["Northern canvass", "North Hall"],
        f"{event.url}sign-up/": ["Sign up: Northern canvass"],
        "/get-involved/": ["Northern phone bank"],
        "/contact/": ["Write to Nora North"],
    }
    for path, expected in pages.items():
        response, html = _get(clp_a, path)
        assert response.status_code == 200, path
        for text in expected:
            assert text in html, (path, text)
        assert "Southern library" not in html, path
        assert "Sid South" not in html, path
    for path in (news.url, event.url, activity.url):
        assert client_for(clp_b).get(path).status_code == 404


# --- home ---------------------------------------------------------------------


def test_the_home_page_introduces_the_mp(clp_a, in_schema):
    with in_schema(clp_a):
        Representative.objects.create(
            name="Nora North",
            kind="mp",
            email="nora@example.org",
            biography="Nora was a bus driver for twenty years.",
            photo=_image("Nora", "Nora North smiling"),
        )
    _, html = _get(clp_a, "/")
    assert "Member of Parliament for Testford North" in html
    assert "Nora was a bus driver" in html
    assert 'alt="Nora North smiling"' in html
    assert 'href="/contact/">Contact Nora North' in html


def test_a_constituency_without_an_mp_shows_its_candidate(clp_a, in_schema):
    with in_schema(clp_a):
        Representative.objects.create(name="Cal Candidate", kind="candidate", email="c@example.org")
    _, html = _get(clp_a, "/")
    assert "Labour candidate for Testford North" in html


def test_with_no_mp_or_candidate_the_home_page_shows_the_officers(clp_a, officer_a):
    _, html = _get(clp_a, "/")
    assert "Contact the local party" in html
    assert f"{officer_a.get_full_name()}, Secretary" in html


def test_an_officer_without_a_name_is_listed_by_role_never_by_email(clp_a):

    nameless = make_officer(clp_a, role="social_media_officer", first_name="", last_name="")
    _, html = _get(clp_a, "/")
    assert "<li>Social Media Officer</li>" in html
    assert nameless.email not in html


def test_the_cached_home_page_follows_a_new_appointment_at_once(
    clp_a, django_capture_on_commit_callbacks
):

    assert client_for(clp_a).get("/").headers["X-Page-Cache"] == "miss"
    assert client_for(clp_a).get("/").headers["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        officer = make_officer(
            clp_a, role="social_media_officer", first_name="Sami", last_name="New"
        )
    response = client_for(clp_a).get("/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert f"{officer.get_full_name()}, Social Media Officer" in response.content.decode()


def test_the_home_page_links_to_get_involved_and_membersnet(clp_a):
    _, html = _get(clp_a, "/")
    assert 'href="/get-involved/"' in html
    assert 'href="http://localhost/membersnet/">Members: go to Membersnet' in html


def test_only_one_representative_can_be_current(clp_a, in_schema):
    with in_schema(clp_a):
        Representative.objects.create(name="First", email="first@example.org")
        second = Representative(name="Second", email="second@example.org", is_current=True)
        with pytest.raises(ValidationError, match="First is already the current representative"):
            second.full_clean()


def test_images_on_the_site_need_alt_text(clp_a, in_schema):
    with in_schema(clp_a):
        bare = _image("Bare", alt="")
        with pytest.raises(ValidationError, match="no alt text"):
            Representative(name="X", email="x@example.org", photo=bare).full_clean()
        news = add_news("Story", lead_image=_image("Ok"))
        news.lead_image = bare
        with pytest.raises(ValidationError, match="no alt text"):
            news.full_clean()


def test_the_image_form_requires_alt_text(clp_a, in_schema):

    with in_schema(clp_a):
        form_class = get_image_form(Image)
        form = form_class(data={"title": "Stall", "description": "", "collection": 1})
        assert not form.is_valid()
        assert "description" in form.errors
        assert form.fields["description"].label == "Alt text"


def test_site_settings_set_the_accent_colour_and_imprint(clp_a, in_schema):
    with in_schema(clp_a):
        settings = SiteSettings.for_site(Site.objects.get())
        settings.accent_colour = "#6d0e2b"
        settings.imprint = "Promoted by A. Agent for Testford North Labour, 1 High St."
        settings.save()
    _, html = _get(clp_a, "/")
    # The stylesheet holds the colour (tests/platform/test_security_headers.py checks
    # each one): pages carry no inline style.
    assert '<html lang="en-GB" data-accent="burgundy">' in html
    assert "Promoted by A. Agent for Testford North Labour" in html


# --- news -----------------------------------------------------------------------


def test_the_news_index_is_paginated_newest_first(clp_a, in_schema):
    with in_schema(clp_a):
        for number in range(12):
            add_news(f"Story {number:02d}", date=timezone.localdate() - dt.timedelta(days=number))
    _, first = _get(clp_a, "/news/")
    _, second = _get(clp_a, "/news/", data={"page": 2})
    assert "Story 00" in first
    assert "Story 09" in first
    assert "Story 10" not in first
    assert "Story 10" in second
    assert "Story 11" in second
    assert "Story 00" not in second
    assert "Page 2 of 2" in second
    assert _get(clp_a, "/news/", data={"page": "nonsense"})[0].status_code == 200


def test_news_can_be_filtered_by_tag(clp_a, in_schema):
    with in_schema(clp_a):
        buses = add_news("Bus routes saved")
        buses.tags.add("transport")
        buses.save_revision().publish()
        add_news("Library reopens")
    _, html = _get(clp_a, "/news/", data={"tag": "transport"})
    assert "Bus routes saved" in html
    assert "Library reopens" not in html
    _, story = _get(clp_a, buses.url)
    assert 'href="/news/?tag=transport">transport</a>' in story


def test_a_tag_with_control_characters_finds_nothing_rather_than_failing(clp_a, in_schema):
    with in_schema(clp_a):
        add_news("Library reopens")
    response = client_for(clp_a).get("/news/", {"tag": "trans\x00port"})
    assert response.status_code == 200
    assert "Library reopens" not in response.content.decode()


def test_a_news_page_shows_its_author_date_summary_and_body(clp_a, in_schema):
    with in_schema(clp_a):
        page = add_news(
            "Bus routes saved",
            summary="The 42 keeps running.",
            author="Jo Writer",
            date=dt.date(2026, 11, 20),
            body=[
                ("paragraph", "<p>Thank you to everyone who signed.</p>"),
                ("quote", {"quote": "We did it together.", "attribution": "Jo"}),
            ],
        )
    _, html = _get(clp_a, page.url)
    assert "20 November 2026" in html
    assert "By Jo Writer" in html
    assert "The 42 keeps running." in html
    assert "Thank you to everyone who signed." in html
    assert "<blockquote>" in html


def test_news_pages_share_well_on_social_media(clp_a, in_schema):
    with in_schema(clp_a):
        page = add_news(
            "Bus routes saved",
            summary="The 42 keeps running.",
            lead_image=_image("Bus", "A red bus at the stop"),
        )
    _, html = _get(clp_a, page.url)
    url = f"http://testford-north.localhost{page.url}"
    assert _meta(html, "og:title") == "Bus routes saved"
    assert _meta(html, "og:description") == "The 42 keeps running."
    assert _meta(html, "og:url") == url
    assert _meta(html, "og:type") == "article"
    assert _meta(html, "twitter:card") == "summary_large_image"
    image_url = _meta(html, "og:image")
    assert image_url.startswith("http://testford-north.localhost/media/")
    assert ".fill-1200x630" in image_url
    assert _meta(html, "og:image:alt") == "A red bus at the stop"
    assert f'<link rel="canonical" href="{url}">' in html
    assert "https://wa.me/?text=Bus%20routes%20saved%20http" in html
    assert "https://bsky.app/intent/compose?text=" in html
    assert f"/share/mastodon/?page={page.pk}" in html
    assert "<script" not in html.split("</head>")[1].split("<footer")[0]


def test_a_page_without_an_image_shares_the_default_card(clp_a, in_schema):
    with in_schema(clp_a):
        page = add_news("Plain story")
    _, html = _get(clp_a, page.url)
    assert _meta(html, "og:image") == "http://testford-north.localhost/static/img/share-default.png"


def test_the_news_feeds_parse_with_absolute_links(clp_a, in_schema):
    with in_schema(clp_a):
        add_news("Bus routes saved", summary="The 42 keeps running.")
        add_news("Library reopens")
    for path, version in (("/news/feed/rss/", "rss20"), ("/news/feed/atom/", "atom10")):
        response, body = _get(clp_a, path)
        feed = feedparser.parse(body)
        assert not feed.bozo, (path, feed.bozo_exception)
        assert feed.version == version
        assert feed.feed.title == "Testford North Labour: news"
        titles = [entry.title for entry in feed.entries]
        assert titles[:2] == ["Library reopens", "Bus routes saved"] or set(titles) >= {
            "Library reopens",
            "Bus routes saved",
        }
        assert all(
            entry.link.startswith("http://testford-north.localhost/news/") for entry in feed.entries
        )
    _, home = _get(clp_a, "/")
    assert 'type="application/rss+xml"' in home
    assert 'type="application/atom+xml"' in home


# --- events --------------------------------------------------------------------


def test_the_events_index_lists_upcoming_events_and_the_archive_past_ones(clp_a, in_schema):
    with in_schema(clp_a):
        add_event("Next week canvass", starts_in_days=7)
        add_event("Last month social", starts_in_days=-30)
    _, upcoming = _get(clp_a, "/events/")
    _, past = _get(clp_a, "/events/past/")
    assert "Next week canvass" in upcoming
    assert "Last month social" not in upcoming
    assert "Last month social" in past
    assert "Next week canvass" not in past


def test_the_events_index_is_paginated_soonest_first(clp_a, in_schema):

    with in_schema(clp_a):
        for number in range(EVENTS_PER_PAGE + 2):
            add_event(f"Canvass {number:02d}", starts_in_days=number + 1)
    _, first = _get(clp_a, "/events/")
    _, second = _get(clp_a, "/events/", data={"page": 2})
    assert "Canvass 00" in first
    assert f"Canvass {EVENTS_PER_PAGE - 1:02d}" in first
    assert f"Canvass {EVENTS_PER_PAGE:02d}" not in first
    assert f"Canvass {EVENTS_PER_PAGE + 1:02d}" in second
    assert "Canvass 00" not in second
    assert "Page 2 of 2" in second
    assert 'rel="next">Later</a>' in first
    assert 'rel="prev">Sooner</a>' in second
    assert "(page 2)" in second
    assert _get(clp_a, "/events/", data={"page": "nonsense"})[0].status_code == 200


def test_an_event_page_shows_when_where_and_how_to_get_there(clp_a, in_schema):
    start = timezone.make_aware(dt.datetime(2026, 12, 5, 10, 0))
    with in_schema(clp_a):
        event = add_event(
            "Street stall",
            venue="Outside the library",
            address="1 High Street",
            postcode="BS5 6AB",
            accessibility_notes="Step-free.",
            capacity=10,
            is_key_event=True,
        )
        EventPage.objects.filter(pk=event.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(hours=3)
        )
    _, html = _get(clp_a, event.url)
    assert "Saturday 5 December 2026, 10am to 1pm" in html
    assert "Outside the library" in html
    assert "BS5 6AB" in html
    assert "Step-free." in html
    assert "https://www.openstreetmap.org/search?query=Outside+the+library%2C+BS5+6AB" in html
    assert "10 of 10 left" in html
    assert "Key event" in html
    assert f'href="{event.url}ics/"' in html
    assert "<iframe" not in html


def test_event_times_are_shown_in_uk_time(clp_a, in_schema):
    summer = dt.datetime(2026, 7, 4, 17, 30, tzinfo=dt.UTC)  # 6:30pm in British Summer Time
    with in_schema(clp_a):
        event = add_event("Summer social")
        EventPage.objects.filter(pk=event.pk).update(
            starts_at=summer, ends_at=summer + dt.timedelta(hours=2)
        )
    _, html = _get(clp_a, event.url)
    assert "Saturday 4 July 2026, 6:30pm to 8:30pm" in html


def test_an_event_downloads_as_a_valid_ics(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Street stall", venue="Library", postcode="BS5 6AB")
    response, body = _get(clp_a, f"{event.url}ics/")
    assert response["Content-Type"].startswith("text/calendar")
    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(body)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Street stall"
    assert str(vevent["UID"]) == f"event-{event.pk}@testford-north.localhost"
    assert vevent["DTSTART"].dt.tzinfo is not None
    assert "Library, BS5 6AB" in str(vevent["LOCATION"])
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_the_site_calendar_feed_lists_upcoming_events_with_stable_uids(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        soon = add_event("Soon", starts_in_days=3)
        add_event("Gone", starts_in_days=-3)
    with in_schema(clp_b):
        add_event("Elsewhere")
    first = Calendar.from_ical(_get(clp_a, "/calendar.ics")[1])
    second = Calendar.from_ical(_get(clp_a, "/calendar.ics")[1])
    summaries = [str(e["SUMMARY"]) for e in first.walk("VEVENT")]
    assert "Soon" in summaries
    assert "Gone" not in summaries
    assert "Elsewhere" not in summaries
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in second.walk("VEVENT")]
    assert f"event-{soon.pk}@testford-north.localhost" in uids
    assert first.walk("VTIMEZONE")


def test_an_event_must_end_after_it_starts_and_have_a_real_postcode(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Stall")
        event.ends_at = event.starts_at - dt.timedelta(hours=1)
        with pytest.raises(ValidationError, match="must end after it starts"):
            event.full_clean()
        event.ends_at = None
        event.postcode = "NOT A CODE"
        with pytest.raises(ValidationError, match="Enter a UK postcode"):
            event.full_clean()
        event.postcode = "bs56ab"
        event.full_clean()
        assert event.postcode == "BS5 6AB"


# --- sitemap, robots, sharing --------------------------------------------------


def test_the_sitemap_lists_pages_on_the_primary_domain(clp_a, in_schema):
    with in_schema(clp_a):
        page = add_news("Mapped story")
    response, xml = _get(clp_a, "/sitemap.xml")
    assert response.status_code == 200
    assert f"<loc>http://testford-north.localhost{page.url}</loc>" in xml
    assert "<loc>http://testford-north.localhost/events/</loc>" in xml
    _, robots = _get(clp_a, "/robots.txt")
    assert "Sitemap: http://testford-north.localhost/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots


def test_sharing_on_mastodon_asks_for_the_server_then_sends_the_visitor_there(clp_a, in_schema):
    with in_schema(clp_a):
        page = add_news("Bus routes saved")
    visitor = client_for(clp_a)
    html = visitor.get("/share/mastodon/", {"page": page.pk}).content.decode()
    assert "Your Mastodon server" in html
    assert "Bus routes saved" in html
    response = visitor.post(
        "/share/mastodon/", {"page": page.pk, "instance": "@me@mastodon.social"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(
        "https://mastodon.social/share?text=Bus+routes+saved+http"
    )
    response = visitor.post("/share/mastodon/", {"page": page.pk, "instance": "not a host"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter your Mastodon server" in html
    assert 'value="not a host"' in html
    assert visitor.get("/share/mastodon/", {"page": "999999"}).status_code == 404
    assert visitor.get("/share/mastodon/", {"page": "x"}).status_code == 404


def test_a_link_cannot_use_the_mastodon_share_to_bounce_visitors_elsewhere(clp_a, in_schema):
    with in_schema(clp_a):
        page = add_news("Bus routes saved")
        root = Page.objects.get(depth=1)
    link = client_for(clp_a).get("/share/mastodon/", {"page": page.pk, "instance": "evil.test"})
    assert link.status_code == 200  # the form, not a redirect
    assert "evil.test" not in link.content.decode()
    # A forged form from another site has no CSRF token.
    forged = Client(HTTP_HOST=clp_a.primary_domain, enforce_csrf_checks=True).post(
        "/share/mastodon/", {"page": page.pk, "instance": "evil.test"}
    )
    assert forged.status_code == 403
    # Only the site's own pages can be shared, not the page tree's root.
    assert client_for(clp_a).get("/share/mastodon/", {"page": root.pk}).status_code == 404


# --- caching and query budgets ----------------------------------------------------


def test_anonymous_pages_are_cached_and_purged_when_something_is_published(
    clp_a, in_schema, django_capture_on_commit_callbacks
):
    assert client_for(clp_a).get("/").headers["X-Page-Cache"] == "miss"
    assert client_for(clp_a).get("/").headers["X-Page-Cache"] == "hit"
    with in_schema(clp_a), django_capture_on_commit_callbacks(execute=True):
        add_news("Breaking: new story").save_revision().publish()
    response = client_for(clp_a).get("/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert "Breaking: new story" in response.content.decode()


def test_the_page_cache_is_kept_per_site(clp_a, clp_b):
    client_for(clp_a).get("/news/")
    response = client_for(clp_b).get("/news/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert "Testford South" in response.content.decode()


def test_made_up_query_strings_cannot_fill_the_page_cache(clp_a):
    visitor = client_for(clp_a)
    for junk in ("?x=1", "?x=2", "?page=1&x=1", "?page=" + "9" * 50, "?tag=a&tag=b"):
        assert "X-Page-Cache" not in visitor.get("/news/" + junk).headers, junk
    assert visitor.get("/news/").headers["X-Page-Cache"] == "miss"  # nothing was stored


def test_listing_pages_are_cached_per_page_and_tag_but_not_per_tracker(clp_a, in_schema):
    with in_schema(clp_a):
        story = add_news("Tagged story")
        story.tags.add("housing")
        story.save_revision().publish()
    visitor = client_for(clp_a)
    assert visitor.get("/news/?tag=housing").headers["X-Page-Cache"] == "miss"
    assert visitor.get("/news/?tag=transport").headers["X-Page-Cache"] == "miss"
    assert visitor.get("/news/?tag=housing&page=1").headers["X-Page-Cache"] == "miss"
    assert visitor.get("/news/?page=1&tag=housing").headers["X-Page-Cache"] == "hit"
    # A link shared on social media comes back with trackers: the same page, still cached.
    shared = visitor.get("/news/?tag=housing&fbclid=IwAR0abc&utm_source=facebook")
    assert shared.headers["X-Page-Cache"] == "hit"
    assert "Tagged story" in shared.content.decode()


def test_signed_in_officers_never_get_or_leave_a_cached_page(clp_a, officer_a, in_schema):
    officer = client_for(clp_a, officer_a)
    assert "X-Page-Cache" not in officer.get("/").headers
    assert client_for(clp_a).get("/").headers["X-Page-Cache"] == "miss"  # nothing was stored
    assert "X-Page-Cache" not in officer.get("/").headers  # and the stored page isn't served


def test_pages_with_forms_are_never_cached(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Stall")
        Representative.objects.create(name="Nora North", email="nora@example.org")
    for path in ("/contact/", f"{event.url}sign-up/"):
        client_for(clp_a).get(path)
        assert "X-Page-Cache" not in client_for(clp_a).get(path).headers, path


def _fill(constituency, in_schema, count):
    with in_schema(constituency):
        image = _image()
        for number in range(count):
            add_news(f"Filler story {number}", lead_image=image).tags.add("filler")
            add_event(f"Filler event {number}", starts_in_days=number + 1)


# Every public page type: its queries with two items of each kind, which must not grow
# when there are ten. Measured uncached (a session cookie keeps the page cache out of it),
# with the host's constituency and the site's chrome already cached, as on a busy site.
PAGE_QUERY_BUDGET = 12


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/news/",
        "/news/?tag=filler",
        "/news/feed/rss/",
        "/news/feed/atom/",
        "/events/",
        "/events/past/",
        "/get-involved/",
        "/contact/",
        "/calendar.ics",
        "/sitemap.xml",
    ],
)
def test_page_query_budgets_do_not_grow_with_content(
    clp_a, in_schema, django_assert_max_num_queries, path
):
    _fill(clp_a, in_schema, 2)
    client_for(clp_a).get(path)  # renditions are made on first view
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET) as few:
        assert client_for(clp_a).get(path, HTTP_COOKIE="sessionid=x").status_code == 200
    with_two_of_each = len(few.captured_queries)
    _fill(clp_a, in_schema, 8)
    client_for(clp_a).get(path, HTTP_COOKIE="sessionid=x")
    with django_assert_max_num_queries(with_two_of_each):
        assert client_for(clp_a).get(path, HTTP_COOKIE="sessionid=x").status_code == 200


@pytest.mark.parametrize("suffix", ["", "ics/"])
def test_news_and_event_page_query_budgets(clp_a, in_schema, django_assert_max_num_queries, suffix):
    with in_schema(clp_a):
        news = add_news("Budgeted", lead_image=_image())
        news.tags.add("budget", "pages")
        event = add_event("Budgeted event", capacity=10)
    pages = [event] if suffix else [news, event]
    for page in pages:
        client_for(clp_a).get(f"{page.url}{suffix}", HTTP_COOKIE="sessionid=x")
        with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
            response = client_for(clp_a).get(f"{page.url}{suffix}", HTTP_COOKIE="sessionid=x")
            assert response.status_code == 200


def test_starter_pages_exist_and_are_unique_per_site(clp_a, in_schema):
    with in_schema(clp_a):
        assert HomePage.objects.count() == 1
        assert ContactPage.objects.count() == 1
        assert not HomePage.can_create_at(HomePage.objects.get())


# --- scheduled publishing ---------------------------------------------------------


def test_a_page_scheduled_to_go_live_appears_when_its_time_comes(
    clp_a, clp_b, in_schema, django_capture_on_commit_callbacks
):

    with in_schema(clp_a):
        page = add_news("Polling day rota", live=False)
        page.go_live_at = timezone.now() + dt.timedelta(hours=1)
        page.save_revision().publish()  # what "Publish" does with a future "Go live" date
        page.refresh_from_db()
        assert not page.live
    with in_schema(clp_b):
        other = add_news("B's scheduled story", live=False)
        other.go_live_at = timezone.now() + dt.timedelta(days=1)
        other.save_revision().publish()

    assert _get(clp_a, "/news/")[1].count("Polling day rota") == 0
    run_for_every_constituency(publish_scheduled_pages.name)  # nothing is due yet
    with in_schema(clp_a):
        assert not NewsPage.objects.get(pk=page.pk).live
        # An hour later, as far as the schedule is concerned:
        revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
        due = timezone.now() - dt.timedelta(minutes=1)
        revision.approved_go_live_at = due
        revision.content["go_live_at"] = due.isoformat()
        revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        run_for_every_constituency(publish_scheduled_pages.name)

    response, html = _get(clp_a, "/news/")
    assert "Polling day rota" in html  # the listing's cache was cleared too
    with in_schema(clp_b):
        assert not NewsPage.objects.get(title="B's scheduled story").live


def test_listings_never_skip_a_heading_level(clp_a, in_schema):
    """Screen reader users move by headings: each card's h3 sits under an h2."""
    with in_schema(clp_a):
        add_news("Library reopens")
        add_event("Street stall", starts_in_days=3)
        add_event("Last year's stall", starts_in_days=-30)
    for path in ("/news/", "/events/", "/events/past/"):
        levels = [
            int(level)
            for level in re.findall(r"<h([1-6])\b", client_for(clp_a).get(path).content.decode())
        ]
        assert levels[0] == 1, path
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)


def test_the_home_page_drops_an_event_when_it_finishes_with_no_publish_in_between(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Street stall", starts_in_days=0, hours=1)
        EventPage.objects.filter(pk=event.pk).update(
            starts_at=timezone.now() - dt.timedelta(hours=1),
            ends_at=timezone.now() + dt.timedelta(seconds=2),
        )
    uncached = {"HTTP_COOKIE": "sessionid=x"}  # past the page cache, to the listings
    client_for(clp_a).get("/", **uncached)  # a publish clears the site's lists: refill them
    assert "Street stall" in client_for(clp_a).get("/", **uncached).content.decode()
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=3)):
        assert "Street stall" not in client_for(clp_a).get("/", **uncached).content.decode()


def test_the_first_page_of_news_is_kept_until_the_next_publish(
    clp_a, in_schema, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with in_schema(clp_a):
        for number in range(12):
            add_news(f"Story {number}")
    uncached = {"HTTP_COOKIE": "sessionid=x"}
    client_for(clp_a).get("/news/", **uncached)
    with django_assert_max_num_queries(3):
        first = client_for(clp_a).get("/news/", **uncached).content.decode()
    assert "Story 11" in first
    assert "Story 1<" not in first
    assert 'href="?page=2"' in first
    second = client_for(clp_a).get("/news/?page=2", **uncached).content.decode()
    assert "Story 1<" in second
    with in_schema(clp_a), django_capture_on_commit_callbacks(execute=True):
        add_news("Fresh story", live=False).save_revision().publish()
    assert "Fresh story" in client_for(clp_a).get("/news/", **uncached).content.decode()


def test_pages_are_found_in_their_sections_and_nowhere_else(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        story = add_news("Library saved")
        story.tags.add("libraries")
        story.save()
        event = add_event("Library party")
        draft = add_news("Not yet", live=False)
    assert _get(clp_a, story.url)[0].status_code == 200
    assert 'href="/news/?tag=libraries"' in _get(clp_a, story.url)[1]
    assert _get(clp_a, f"{event.url}ics/")[0].status_code == 200
    # A story's address under another section, a draft, a page of another site: not found.
    assert client_for(clp_a).get(f"/events/{story.slug}/").status_code == 404
    assert client_for(clp_a).get(f"/news/{draft.slug}/").status_code == 404
    assert client_for(clp_b).get(story.url).status_code == 404
    assert client_for(clp_a).get("/news/library-saved/nothing-here/").status_code == 404
    assert client_for(clp_a).get("/events/nothing-here/").status_code == 404
    # A section's own routes are still found beside its pages.
    assert client_for(clp_a).get("/events/past/").status_code == 200
    assert client_for(clp_a).get("/news/feed/rss/").status_code == 200
