"""The news section: its index, pages, tags and feed."""

import datetime as dt

import feedparser
from django.utils import timezone

from tests.factories import add_news
from tests.helpers import client_for

from .shared import _get, _image, _meta


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
