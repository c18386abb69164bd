"""The public pages of a site that offers Welsh (Testford South), in both languages, and
of one that does not (Testford North): lang, hreflang, Open Graph locales, the language
switch, the chrome's links and the lists, each in the page's own language."""

import datetime as dt
import html as html_entities
import re
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.utils import timezone

from constituencies.languages.translating import translate_page
from constituencies.website.models import EventPage, GetInvolvedPage, HomePage
from tests.factories import add_event, add_news
from tests.helpers import client_for


def _welsh_news_and_event(in_schema, clp_b):
    """A news story and an event on Testford South, each with a live Welsh version."""
    with in_schema(clp_b):
        news = add_news("Library saved", summary="The library stays open.", author="Sid")
        news.tags.add("libraries")
        news.save_revision().publish()
        event = add_event("Street stall", venue="Market Square", capacity=10)
        welsh_news = translate_page(
            news,
            {
                "Library saved": "Achub y llyfrgell",
                "The library stays open.": "Mae'r llyfrgell ar agor.",
            },
        )
        welsh_event = translate_page(
            event, {"Street stall": "Stondin stryd", "An event.": "Digwyddiad."}
        )
        # Addresses are worked out in the site's schema, where its Welsh home page is.
        return [
            SimpleNamespace(pk=page.pk, url=page.url)
            for page in (news, welsh_news, event, welsh_event)
        ]


def _get(constituency, path, **kwargs):
    """The response and its text, entities decoded (“Nid yw'r …”)."""
    response = client_for(constituency).get(path, **kwargs)
    return response, html_entities.unescape(response.content.decode())


def _hreflangs(html) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def _switch(html) -> re.Match | None:
    return re.search(
        r'<a class="language-switch" href="([^"]+)" lang="([^"]+)" hreflang="([^"]+)">([^<]+)</a>',
        html,
    )


def _meta(html, prop) -> list[str]:
    return re.findall(rf'<meta property="{re.escape(prop)}" content="([^"]*)"', html)


def _absolute(constituency, path):
    return f"http://{constituency.primary_domain}{path}"


def test_every_page_type_is_served_in_both_languages_with_alternates_and_a_switch(clp_b, in_schema):
    news, welsh_news, event, welsh_event = _welsh_news_and_event(in_schema, clp_b)
    pairs = [
        ("/", "/cy/"),
        ("/news/", "/cy/news/"),
        (news.url, welsh_news.url),
        ("/events/", "/cy/events/"),
        ("/events/past/", "/cy/events/past/"),
        (event.url, welsh_event.url),
        (f"{event.url}sign-up/", f"{welsh_event.url}sign-up/"),
        ("/get-involved/", "/cy/get-involved/"),
        ("/contact/", "/cy/contact/"),
    ]
    assert welsh_news.url.startswith("/cy/news/")
    assert welsh_event.url.startswith("/cy/events/")
    for english, welsh in pairs:
        expected = {
            "en-GB": _absolute(clp_b, english),
            "cy": _absolute(clp_b, welsh),
            "x-default": _absolute(clp_b, english),
        }
        for path, lang, other, other_path, label in (
            (english, "en-GB", "cy", welsh, "Cymraeg"),
            (welsh, "cy", "en-gb", english, "English"),
        ):
            response, html = _get(clp_b, path)
            assert response.status_code == 200, path
            assert f'<html lang="{lang}"' in html, path
            assert response["Content-Language"] == lang, path
            assert _hreflangs(html) == expected, path
            switch = _switch(html)
            assert switch is not None, path
            assert switch.group(1) == f"/language/{other}/?next={quote(other_path, safe='')}"
            assert switch.group(4) == label, path


def test_welsh_pages_have_welsh_text_and_links_that_keep_the_language(clp_b, in_schema):
    news, welsh_news, event, welsh_event = _welsh_news_and_event(in_schema, clp_b)
    _, html = _get(clp_b, welsh_event.url)
    assert "Stondin stryd" in html
    assert "<dt>Pryd</dt>" in html  # When
    assert "<dt>Ble</dt>" in html
    assert "Cofrestrwch" in html  # Sign up
    assert "Street stall" not in html
    # The chrome: the Welsh brand, menu, footer and feeds.
    assert '<a class="site-header__brand" href="/cy/">Llafur Testford South</a>' in html
    assert "Plaid Lafur Etholaeth Testford South" in html
    assert 'href="/cy/news/">Newyddion</a>' in html
    assert 'href="/cy/privacy/">Preifatrwydd</a>' in html
    assert f"webcal://{clp_b.primary_domain}/cy/calendar.ics" in html
    assert f"{_absolute(clp_b, '/cy/news/feed/rss/')}" in html
    assert f'href="{_absolute(clp_b, "/cy/calendar.ics")}"' in html
    assert 'href="/privacy/"' not in html
    assert 'href="/news/"' not in html
    assert "· Llafur Testford South</title>" in html

    _, html = _get(clp_b, welsh_news.url)
    assert 'href="/cy/news/?tag=libraries"' in html
    assert "Gan Sid" in html
    assert f'href="/cy/share/mastodon/?page={welsh_news.pk}"' in html


def test_the_welsh_name_names_the_site_on_welsh_pages(clp_b):
    clp_b.welsh_name = "De Testford"
    clp_b.save(update_fields=["welsh_name"])
    _, html = _get(clp_b, "/cy/news/")
    assert ">Llafur De Testford</a>" in html
    assert "Plaid Lafur Etholaeth De Testford" in html
    _, html = _get(clp_b, "/news/")
    assert ">Testford South Labour</a>" in html
    assert "Testford South Constituency Labour Party" in html


def test_open_graph_gives_each_pages_locale_and_the_other_live_one(clp_a, clp_b, in_schema):
    news, welsh_news, _, _ = _welsh_news_and_event(in_schema, clp_b)
    _, html = _get(clp_b, welsh_news.url)
    assert _meta(html, "og:locale") == ["cy_GB"]
    assert _meta(html, "og:locale:alternate") == ["en_GB"]
    assert _meta(html, "og:site_name") == ["Llafur Testford South"]
    _, html = _get(clp_b, news.url)
    assert _meta(html, "og:locale") == ["en_GB"]
    assert _meta(html, "og:locale:alternate") == ["cy_GB"]
    with in_schema(clp_a):
        english_only = add_news("Northern story")
    _, html = _get(clp_a, english_only.url)
    assert _meta(html, "og:locale") == ["en_GB"]
    assert _meta(html, "og:locale:alternate") == []


def test_the_switch_from_an_untranslated_page_leads_to_the_other_home_with_a_note(clp_b, in_schema):
    with in_schema(clp_b):
        untranslated = add_news("Only in English")
    _, html = _get(clp_b, untranslated.url)
    assert set(_hreflangs(html)) == {"en-GB", "x-default"}
    switch = _switch(html)
    assert switch.group(1) == "/language/cy/?next=%2Fcy%2F%3Funtranslated%3D1"

    visitor = client_for(clp_b)
    response = visitor.get(switch.group(1))
    assert response.status_code == 302
    assert response["Location"] == "/cy/?untranslated=1"
    assert visitor.cookies["django_language"].value == "cy"
    html = html_entities.unescape(visitor.get(response["Location"]).content.decode())
    assert "Nid yw'r dudalen hon ar gael yn Gymraeg eto." in html
    assert "Nid yw'r dudalen hon" not in _get(clp_b, "/cy/")[1]
    # The English page is not passed off as Welsh under /cy/.
    assert client_for(clp_b).get(f"/cy{untranslated.url}").status_code == 404


def test_the_home_page_note_is_cached_apart_from_the_home_page(clp_b):
    visitor = client_for(clp_b)
    assert visitor.get("/cy/").headers["X-Page-Cache"] == "miss"
    assert visitor.get("/cy/?untranslated=1").headers["X-Page-Cache"] == "miss"
    noted = visitor.get("/cy/?untranslated=1")
    assert noted.headers["X-Page-Cache"] == "hit"
    assert "ar gael yn Gymraeg eto" in html_entities.unescape(noted.content.decode())
    assert "ar gael yn Gymraeg eto" not in html_entities.unescape(
        visitor.get("/cy/").content.decode()
    )


def test_until_the_welsh_home_is_live_cy_shows_the_english_one_saying_so(clp_b, in_schema):
    with in_schema(clp_b):
        HomePage.objects.get(locale__language_code="cy").unpublish()
    response, html = _get(clp_b, "/cy/")
    assert response.status_code == 200
    assert '<html lang="cy"' in html
    assert "Nid yw'r dudalen hon ar gael yn Gymraeg eto." in html
    assert '<div lang="en-GB">' in html  # the English home's own text
    assert "<h1>Testford South Labour</h1>" in html
    assert _switch(html).group(1) == "/language/en-gb/?next=%2F"
    _, english = _get(clp_b, "/")
    assert _switch(english).group(1) == "/language/cy/?next=%2Fcy%2F%3Funtranslated%3D1"
    assert set(_hreflangs(english)) == {"en-GB", "x-default"}


def test_lists_show_the_pages_of_their_own_language_only(clp_b, in_schema):
    news, welsh_news, event, welsh_event = _welsh_news_and_event(in_schema, clp_b)
    with in_schema(clp_b):
        activity = EventPage(
            title="Phone bank", summary="Calls.", starts_at=timezone.now() + dt.timedelta(days=2)
        )
        GetInvolvedPage.objects.get(locale__language_code="en-gb").add_child(instance=activity)
        translate_page(activity, {"Phone bank": "Banc ffôn y blaid", "Calls.": "Galwadau."})
    english_titles = ["Library saved", "Street stall"]
    welsh_titles = ["Achub y llyfrgell", "Stondin stryd"]
    for english, welsh, shows_english, shows_welsh in (
        ("/", "/cy/", english_titles, welsh_titles),
        ("/news/", "/cy/news/", ["Library saved"], ["Achub y llyfrgell"]),
        (
            "/events/",
            "/cy/events/",
            ["Street stall", "Phone bank"],
            ["Stondin stryd", "Banc ffôn y blaid"],
        ),
        ("/get-involved/", "/cy/get-involved/", ["Phone bank"], ["Banc ffôn y blaid"]),
    ):
        english_html, welsh_html = _get(clp_b, english)[1], _get(clp_b, welsh)[1]
        for title in shows_english:
            assert title in english_html, (english, title)
            assert title not in welsh_html, (welsh, title)
        for title in shows_welsh:
            assert title in welsh_html, (welsh, title)
            assert title not in english_html, (english, title)


def test_an_english_only_site_has_no_welsh_no_switch_and_no_hreflang(clp_a, in_schema):
    with in_schema(clp_a):
        news = add_news("Northern story")
    for path in ("/cy/", "/cy/news/", f"/cy{news.url}", "/cy/privacy/"):
        assert client_for(clp_a).get(path).status_code == 404, path
    for path in ("/", "/news/", news.url, "/no-such-page/"):
        html = _get(clp_a, path)[1]
        assert '<html lang="en-GB"' in html
        assert _switch(html) is None, path
        assert "hreflang" not in html, path
    assert client_for(clp_a).get("/language/cy/?next=/cy/").status_code == 404


def test_choosing_a_language_remembers_it_and_goes_on(clp_b):
    visitor = client_for(clp_b)
    response = visitor.get("/language/cy/", {"next": "/cy/events/"})
    assert response.status_code == 302
    assert response["Location"] == "/cy/events/"
    assert visitor.cookies["django_language"].value == "cy"
    # Back at the site's address, the choice takes them to the Welsh home page.
    response = visitor.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/cy/"
    visitor.get("/language/en-gb/", {"next": "/"})
    assert visitor.cookies["django_language"].value == "en-gb"
    assert visitor.get("/").status_code == 200


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:x"]
)
def test_choosing_a_language_never_leaves_the_site(clp_b, next_url):
    response = client_for(clp_b).get("/language/cy/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/cy/"


def test_choosing_an_unknown_language_is_not_found(clp_b):
    assert client_for(clp_b).get("/language/fr/?next=/").status_code == 404


def test_a_page_not_found_under_cy_is_in_welsh_and_switches_to_the_english_home(clp_b):
    response, html = _get(clp_b, "/cy/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="cy"' in html
    assert "Heb ddod o hyd i'r dudalen" in html
    assert "<title>Heb ddod o hyd i'r dudalen · Llafur Testford South</title>" in html
    assert 'href="/cy/">Mynd i\'r hafan</a>' in html
    assert _hreflangs(html) == {}
    assert _switch(html).group(1) == "/language/en-gb/?next=%2F"
    response, html = _get(clp_b, "/no-such-page/")
    assert "Page not found" in html
    assert _switch(html).group(1) == "/language/cy/?next=%2Fcy%2F"


def test_a_suspended_welsh_site_says_so_in_welsh_under_cy(clp_b):
    clp_b.suspend()
    response, html = _get(clp_b, "/cy/")
    assert response.status_code == 503
    assert '<html lang="cy"' in html
    assert "Nid yw'r wefan hon ar gael dros dro." in html
    assert "<h1>Llafur Testford South</h1>" in html
    assert "temporarily unavailable" in _get(clp_b, "/")[1]
    # The links in Welsh emails still let people give up their place.
    assert client_for(clp_b).get("/cy/sign-ups/no-such-token/cancel/").status_code == 404
