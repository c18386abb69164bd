"""What the site's pages keep between requests, and the queries each page type makes."""

import pytest

from constituencies.website.models import (
    ContactPage,
    HomePage,
    Representative,
)
from tests.factories import add_event, add_news
from tests.helpers import client_for

from .shared import _image


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
        assert not HomePage.can_create_at(HomePage.objects.get(locale__language_code="en-gb"))
