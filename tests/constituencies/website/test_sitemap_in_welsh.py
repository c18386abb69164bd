"""The sitemap of a site that offers Welsh lists every page in both languages with its
alternates; an English-only site's has none."""

import re

from django.core.cache import cache

from constituencies.languages.translating import translate_page
from constituencies.website.models import NewsIndexPage
from tests.factories import add_news

from .shared import _get

SOUTH = "http://testford-south.localhost"
NORTH = "http://testford-north.localhost"


def _urls(xml) -> dict[str, dict[str, str]]:
    """Each <loc> with its alternates, {hreflang: href}."""
    urls = {}
    for block in re.findall(r"<url>(.*?)</url>", xml, re.S):
        location = re.search(r"<loc>(.*?)</loc>", block).group(1)
        urls[location] = dict(
            re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>', block)
        )
    return urls


def test_the_sitemap_lists_both_languages_with_alternates_and_x_default(clp_b, in_schema):
    with in_schema(clp_b):
        english = add_news("Bus routes saved", summary="A summary.")
        welsh = translate_page(english, {"Bus routes saved": "Llwybrau bysiau wedi'u hachub"})
        untranslated = add_news("Library reopens")
        paths = {
            "english": english.url,
            "welsh": welsh.url,
            "untranslated": untranslated.url,
            "welsh news": NewsIndexPage.objects.get(locale__language_code="cy").url,
        }
    response, xml = _get(clp_b, "/sitemap.xml")
    assert response.status_code == 200
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in xml
    urls = _urls(xml)
    story = {"en-GB": SOUTH + paths["english"], "cy": SOUTH + paths["welsh"]}
    story["x-default"] = story["en-GB"]
    assert paths["welsh"].startswith("/cy/")
    assert urls[SOUTH + paths["english"]] == story
    assert urls[SOUTH + paths["welsh"]] == story
    # Home pages and sections, in both languages.
    home = {"en-GB": f"{SOUTH}/", "cy": f"{SOUTH}/cy/", "x-default": f"{SOUTH}/"}
    assert urls[f"{SOUTH}/"] == home
    assert urls[f"{SOUTH}/cy/"] == home
    assert urls[f"{SOUTH}/news/"]["cy"] == SOUTH + paths["welsh news"]
    # A page only in English has no alternates.
    assert urls[SOUTH + paths["untranslated"]] == {}
    # The privacy notice, in both languages.
    privacy = {
        "en-GB": f"{SOUTH}/privacy/",
        "cy": f"{SOUTH}/cy/privacy/",
        "x-default": f"{SOUTH}/privacy/",
    }
    assert urls[f"{SOUTH}/privacy/"] == privacy
    assert urls[f"{SOUTH}/cy/privacy/"] == privacy
    # Wagtail's lastmod is kept.
    assert re.search(
        rf"<loc>{re.escape(SOUTH + paths['welsh'])}</loc><lastmod>\d{{4}}-\d\d-\d\d</lastmod>", xml
    )


def test_an_english_only_sites_sitemap_has_no_alternates(clp_a, in_schema):
    with in_schema(clp_a):
        story = add_news("Bus routes saved").url
    _, xml = _get(clp_a, "/sitemap.xml")
    urls = _urls(xml)
    assert "xhtml:link" not in xml
    assert {f"{NORTH}/", f"{NORTH}{story}", f"{NORTH}/privacy/", f"{NORTH}/news/"} <= set(urls)
    assert not any("/cy/" in location for location in urls)
    _, robots = _get(clp_a, "/robots.txt")
    assert f"Sitemap: {NORTH}/sitemap.xml" in robots


def test_private_and_draft_pages_stay_out_of_the_sitemap(clp_b, in_schema):
    with in_schema(clp_b):
        english = add_news("Bus routes saved", summary="A summary.")
        draft = translate_page(english, {"Bus routes saved": "Drafft"}, publish=False)
        draft_url = draft.url
    urls = _urls(_get(clp_b, "/sitemap.xml")[1])
    assert draft_url is None or SOUTH + draft_url not in urls
    assert not any("Drafft".lower() in location for location in urls)


def test_the_sitemap_takes_a_bounded_number_of_queries(
    clp_b, in_schema, django_assert_max_num_queries
):
    def forget_the_sitemap():
        """The page cache keeps the sitemap whatever the cookies: empty it, and read the
        site's chrome again, so that what is counted is building the sitemap."""
        cache.clear()
        _get(clp_b, "/", HTTP_COOKIE="sessionid=x")

    def add_stories(numbers):
        with in_schema(clp_b):
            for number in numbers:
                english = add_news(f"Story {number}", summary="A summary.")
                translate_page(english, {f"Story {number}": f"Stori {number}"})

    add_stories(range(2))
    forget_the_sitemap()
    with django_assert_max_num_queries(3) as two:
        _get(clp_b, "/sitemap.xml")
    with_two = len(two.captured_queries)  # read now: each request resets the log
    add_stories(range(2, 8))
    forget_the_sitemap()
    with django_assert_max_num_queries(with_two):
        _, xml = _get(clp_b, "/sitemap.xml")
    assert xml.count("<url>") >= 2 * 8 + 2
