"""The news feeds and the calendars in each language of a site that offers Welsh
(clp_b), and none in Welsh on an English-only site (clp_a)."""

import feedparser
from django.core.cache import cache
from icalendar import Calendar

from constituencies.languages.translating import source_segments, translate_page
from constituencies.website.models import EventIndexPage, NewsIndexPage
from tests.factories import add_event, add_news

from .shared import _get

SOUTH = "http://testford-south.localhost"


def _welsh_news(title, welsh_title, summary="A summary.", welsh_summary="Crynodeb."):
    english = add_news(title, summary=summary)
    welsh = translate_page(english, {title: welsh_title, summary: welsh_summary})
    return english, welsh


def _welsh_event(title, welsh_title, summary="An event.", welsh_summary="Digwyddiad.", **fields):
    english = add_event(title, summary=summary, **fields)
    welsh = translate_page(english, {title: welsh_title, summary: welsh_summary})
    return english, welsh


def test_the_welsh_news_feeds_list_the_welsh_stories_in_welsh(clp_b, in_schema):
    with in_schema(clp_b):
        _welsh_news("Bus routes saved", "Llwybrau bysiau wedi'u hachub")
        add_news("Library reopens")  # not translated yet
        english_index = NewsIndexPage.objects.get(locale__language_code="en-gb").url
        welsh_index = NewsIndexPage.objects.get(locale__language_code="cy").url
    assert welsh_index.startswith("/cy/")
    for suffix, version in (("feed/rss/", "rss20"), ("feed/atom/", "atom10")):
        response, body = _get(clp_b, welsh_index + suffix)
        assert response.status_code == 200, suffix
        feed = feedparser.parse(body)
        assert not feed.bozo, (suffix, feed.bozo_exception)
        assert feed.version == version
        assert feed.feed.title == "Llafur Testford South: newyddion"
        assert feed.feed.language == "cy"
        assert [entry.title for entry in feed.entries] == ["Llwybrau bysiau wedi'u hachub"]
        assert feed.entries[0].summary == "Crynodeb."
        assert feed.entries[0].link.startswith(f"{SOUTH}/cy/")
        assert feed.feed.link == f"{SOUTH}{welsh_index}"
    _, rss = _get(clp_b, welsh_index + "feed/rss/")
    assert "<language>cy</language>" in rss

    _, english = _get(clp_b, english_index + "feed/rss/")
    feed = feedparser.parse(english)
    assert "<language>en-gb</language>" in english
    assert feed.feed.title == "Testford South Labour: news"
    assert sorted(entry.title for entry in feed.entries) == ["Bus routes saved", "Library reopens"]
    assert not any("/cy/" in entry.link for entry in feed.entries)


def test_the_welsh_feed_uses_the_welsh_name_of_the_constituency(clp_b, in_schema):
    clp_b.welsh_name = "De Testford"
    clp_b.save(update_fields=["welsh_name"])
    with in_schema(clp_b):
        welsh_index = NewsIndexPage.objects.get(locale__language_code="cy").url
    feed = feedparser.parse(_get(clp_b, welsh_index + "feed/rss/")[1])
    assert feed.feed.title == "Llafur De Testford: newyddion"
    english = feedparser.parse(_get(clp_b, "/news/feed/rss/")[1])
    assert english.feed.title == "Testford South Labour: news"


def test_an_english_only_site_has_no_welsh_feeds_or_calendar(clp_a, in_schema):
    with in_schema(clp_a):
        add_news("Bus routes saved")
        add_event("Street stall")
    for path in ("/cy/news/feed/rss/", "/cy/news/feed/atom/", "/cy/calendar.ics"):
        assert _get(clp_a, path)[0].status_code == 404, path
    assert _get(clp_a, "/news/feed/rss/")[0].status_code == 200


# Past the page cache (a session cookie), with the site's chrome cached: the queries of
# building the response itself, which must not grow with the number of items.
UNCACHED = {"HTTP_COOKIE": "sessionid=x"}


def test_the_welsh_feed_takes_a_bounded_number_of_queries(
    clp_b, in_schema, django_assert_max_num_queries
):
    with in_schema(clp_b):
        for number in range(2):
            _welsh_news(f"Story {number}", f"Stori {number}")
        feed = NewsIndexPage.objects.get(locale__language_code="cy").url + "feed/rss/"
    _get(clp_b, feed, **UNCACHED)  # the site's chrome, read once
    with django_assert_max_num_queries(10) as two:  # mostly routing to /cy/news/
        _get(clp_b, feed, **UNCACHED)
    with_two = len(two.captured_queries)  # read now: each request resets the log
    with in_schema(clp_b):
        for number in range(2, 8):
            _welsh_news(f"Story {number}", f"Stori {number}")
    _get(clp_b, feed, **UNCACHED)
    with django_assert_max_num_queries(with_two):
        _, body = _get(clp_b, feed, **UNCACHED)
    assert len(feedparser.parse(body).entries) == 8


def _vevents(body):
    calendar = Calendar.from_ical(body)
    return calendar, {str(vevent["summary"]): vevent for vevent in calendar.walk("VEVENT")}


def test_the_welsh_calendar_lists_each_event_once_in_welsh_where_it_can(clp_b, in_schema):
    with in_schema(clp_b):
        english, welsh = _welsh_event("Street stall", "Stondin stryd", venue="The Market")
        english_url, welsh_url = english.url, welsh.url
        add_event("Committee meeting", signups_open=False)  # not in Welsh yet
    calendar, events = _vevents(_get(clp_b, "/cy/calendar.ics")[1])
    assert str(calendar["x-wr-calname"]) == "Digwyddiadau Llafur Testford South"
    assert sorted(events) == ["Committee meeting", "Stondin stryd"]
    stall = events["Stondin stryd"]
    assert stall["summary"].params["LANGUAGE"] == "cy"
    assert str(stall["url"]) == f"{SOUTH}{welsh_url}"
    assert welsh_url.startswith("/cy/")
    assert str(stall["description"]) == f"Digwyddiad.\n\nManylion a chofrestru: {SOUTH}{welsh_url}"
    assert str(stall["uid"]) == f"event-{welsh.pk}@testford-south.localhost"
    # An event nobody has translated yet is still there, as it is, at its English address.
    meeting = events["Committee meeting"]
    assert str(meeting["description"]).endswith("\n\nManylion: " + str(meeting["url"]))
    assert "/cy/" not in str(meeting["url"])

    calendar, events = _vevents(_get(clp_b, "/calendar.ics")[1])
    assert str(calendar["x-wr-calname"]) == "Testford South Labour events"
    assert sorted(events) == ["Committee meeting", "Street stall"]
    assert str(events["Street stall"]["description"]) == (
        f"An event.\n\nDetails and sign-up: {SOUTH}{english_url}"
    )
    assert events["Street stall"]["summary"].params["LANGUAGE"] == "en-GB"


def test_an_events_ics_under_cy_is_in_welsh(clp_b, in_schema):
    with in_schema(clp_b):
        english, welsh = _welsh_event("Street stall", "Stondin stryd")
        english_url, welsh_url = english.url, welsh.url
    assert welsh_url.startswith("/cy/")
    response, body = _get(clp_b, f"{welsh_url}ics/")
    assert response.status_code == 200
    calendar, events = _vevents(body)
    assert list(events) == ["Stondin stryd"]
    assert str(calendar["x-wr-calname"]) == "Llafur Testford South"
    assert "Manylion a chofrestru" in str(events["Stondin stryd"]["description"])
    _, events = _vevents(_get(clp_b, f"{english_url}ics/")[1])
    assert list(events) == ["Street stall"]


def test_welsh_pages_link_the_welsh_calendar(clp_b, in_schema):
    with in_schema(clp_b):
        welsh_events = EventIndexPage.objects.get(locale__language_code="cy").url
    html = _get(clp_b, welsh_events)[1]
    head = html.split("</head>")[0]
    assert (
        '<link rel="alternate" type="text/calendar" title="Digwyddiadau Llafur Testford South" '
        f'href="{SOUTH}/cy/calendar.ics">'
    ) in head
    assert 'href="webcal://testford-south.localhost/cy/calendar.ics"' in html
    english = _get(clp_b, "/events/")[1].split("</head>")[0]
    assert f'title="Testford South Labour events" href="{SOUTH}/calendar.ics"' in english


def test_the_welsh_calendar_takes_a_bounded_number_of_queries(
    clp_b, in_schema, django_assert_max_num_queries
):
    with in_schema(clp_b):
        for number in range(2):
            _welsh_event(f"Stall {number}", f"Stondin {number}", starts_in_days=number + 1)
    cache.clear()
    _get(clp_b, "/cy/", **UNCACHED)
    with django_assert_max_num_queries(6) as two:
        _get(clp_b, "/cy/calendar.ics")
    with_two = len(two.captured_queries)  # read now: each request resets the log
    with in_schema(clp_b):
        for number in range(2, 8):
            _welsh_event(f"Stall {number}", f"Stondin {number}", starts_in_days=number + 1)
        add_event("Not translated")
    cache.clear()
    _get(clp_b, "/cy/", **UNCACHED)
    with django_assert_max_num_queries(with_two):
        _, body = _get(clp_b, "/cy/calendar.ics")
    assert len(_vevents(body)[1]) == 9


def test_source_segments_names_what_the_helpers_translate(clp_b, in_schema):
    # The helpers above translate by the source texts: the title and summary are among them.
    with in_schema(clp_b):
        page = add_event("Street stall", summary="An event.")
        assert {"Street stall", "An event."} <= set(source_segments(page))


def test_welsh_pages_link_the_welsh_news_feeds(clp_b, in_schema):
    with in_schema(clp_b):
        welsh_index = NewsIndexPage.objects.get(locale__language_code="cy").url
    head = _get(clp_b, "/cy/")[1].split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        f'title="Llafur Testford South: newyddion (RSS)" href="{SOUTH}{welsh_index}feed/rss/">'
    ) in head
    assert f'href="{SOUTH}{welsh_index}feed/atom/"' in head
    english = _get(clp_b, "/")[1].split("</head>")[0]
    assert f'title="Testford South Labour: news (RSS)" href="{SOUTH}/news/feed/rss/"' in english


def test_the_welsh_feeds_and_calendar_are_cached_like_the_english_and_say_their_language(
    clp_b, in_schema
):
    with in_schema(clp_b):
        welsh_index = NewsIndexPage.objects.get(locale__language_code="cy").url
    for path in (f"{welsh_index}feed/rss/", f"{welsh_index}feed/atom/", "/cy/calendar.ics"):
        response, _ = _get(clp_b, path)
        assert response.status_code == 200, path
        assert response["Content-Language"] == "cy", path
        assert "public" in response["Cache-Control"], path
    assert _get(clp_b, "/calendar.ics")[0]["Content-Language"] == "en-GB"
