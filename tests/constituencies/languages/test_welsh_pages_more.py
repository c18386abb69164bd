"""Welsh dates, the error pages in Welsh, and what the links between languages cost."""

import datetime as dt
import html as html_entities
from zoneinfo import ZoneInfo

from django.db import OperationalError
from django.test import Client
from django.utils import translation
from django_tenants.middleware.main import TenantMainMiddleware
from wagtail.models import Site

from constituencies import event_times
from constituencies.languages.translating import translate_page
from constituencies.website.chrome import site_chrome
from constituencies.website.language_links import language_links
from constituencies.website.models import EventIndexPage, EventPage, HomePage, NewsPage
from tests.constituencies.website.test_queries import PAGE_QUERY_BUDGET
from tests.factories import add_news
from tests.helpers import client_for

UK = ZoneInfo("Europe/London")
SATURDAY = dt.datetime(2026, 12, 5, 10, 0, tzinfo=UK)


def _text(response) -> str:
    return html_entities.unescape(response.content.decode())


def test_event_times_are_written_in_the_active_language():
    one_o_clock = SATURDAY.replace(hour=13)
    with translation.override("en-gb"):  # whatever an earlier request left active
        assert event_times.when(SATURDAY, one_o_clock) == "Saturday 5 December 2026, 10am to 1pm"
        assert event_times.times(SATURDAY, SATURDAY.replace(hour=12)) == "10am to midday"
    with translation.override("cy"):
        assert event_times.when(SATURDAY, one_o_clock) == "Dydd Sadwrn 5 Rhagfyr 2026, 10yb – 1yh"
        midday = SATURDAY.replace(hour=12)
        assert event_times.when(midday) == "Dydd Sadwrn 5 Rhagfyr 2026, canol dydd"
        assert (
            event_times.when(SATURDAY, SATURDAY + dt.timedelta(days=1, hours=4, minutes=30))
            == "Dydd Sadwrn 5 Rhagfyr 2026, 10yb – Dydd Sul 6 Rhagfyr 2026, 2:30yh"
        )
        assert event_times.times(SATURDAY, SATURDAY.replace(hour=12)) == "10yb – canol dydd"


def test_welsh_pages_give_dates_and_times_in_welsh(clp_b, in_schema):
    starts = dt.datetime(2027, 12, 4, 10, 0, tzinfo=UK)  # a Saturday, still to come
    with in_schema(clp_b):
        event = EventPage(
            title="Christmas stall",
            summary="Mince pies.",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=3),
            activity_type="stall",
        )
        EventIndexPage.objects.get(locale__language_code="en-gb").add_child(instance=event)
        welsh_event = translate_page(
            event, {"Christmas stall": "Stondin Nadolig", "Mince pies.": "Mins peis."}
        )
        news = add_news("Winter news", date=dt.date(2027, 1, 4))
        welsh_news = translate_page(news, {"Winter news": "Newyddion y gaeaf"})
        urls = [page.url for page in (event, welsh_event, news, welsh_news)]
    event_url, welsh_event_url, news_url, welsh_news_url = urls

    welsh = _text(client_for(clp_b).get(welsh_event_url))
    assert "Dydd Sadwrn 4 Rhagfyr 2027, 10yb – 1yh" in welsh
    assert '<p class="eyebrow">Stondin stryd</p>' in welsh  # its type, in Welsh
    english = _text(client_for(clp_b).get(event_url))
    assert "Saturday 4 December 2027, 10am to 1pm" in english
    assert '<p class="eyebrow">Street stall</p>' in english

    listing = _text(client_for(clp_b).get("/cy/events/"))
    assert "Dydd Sadwrn 4 Rhagfyr 2027, 10yb – 1yh" in listing
    assert "4 Ionawr 2027" in _text(client_for(clp_b).get(welsh_news_url))
    assert "4 January 2027" in _text(client_for(clp_b).get(news_url))


def _visitor(host):
    return Client(HTTP_HOST=host, raise_request_exception=False)


def _fail(*args, **kwargs):
    raise RuntimeError("a bug")


def test_a_500_under_cy_is_in_welsh(clp_b, monkeypatch):
    monkeypatch.setattr(HomePage, "get_context", _fail)
    response = _visitor(clp_b.primary_domain).get("/cy/")
    html = _text(response)
    assert response.status_code == 500
    assert '<html lang="cy"' in html
    assert "<h1>Aeth rhywbeth o'i le</h1>" in html
    assert ">Llafur Testford South</a>" in html
    assert "Something went wrong" in _text(_visitor(clp_b.primary_domain).get("/"))


def test_the_outage_page_is_in_welsh_at_a_welsh_address_only(clp_b, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(TenantMainMiddleware, "get_tenant", refuse)
    welsh = _visitor(clp_b.primary_domain).get("/cy/news/")
    assert welsh.status_code == 503
    assert '<html lang="cy"' in _text(welsh)
    assert "Byddwn yn ôl cyn bo hir" in _text(welsh)
    # The thread served Welsh last; the next outage page, at an English address, is not.
    english = _visitor(clp_b.primary_domain).get("/news/")
    assert '<html lang="en-GB"' in _text(english)
    assert "We'll be back shortly" in _text(english)


def test_a_welsh_page_stays_within_the_page_query_budget(
    clp_a, clp_b, in_schema, django_assert_max_num_queries
):
    with in_schema(clp_a):
        english_only = add_news("Twin story").url
    with in_schema(clp_b):
        news = add_news("Twin story")
        welsh = translate_page(news, {"Twin story": "Stori efell"}).url
    counts = {}
    for constituency, path in ((clp_a, english_only), (clp_b, welsh), (clp_b, "/cy/")):
        client_for(constituency).get(path, HTTP_COOKIE="sessionid=x")  # renditions, chrome
        with django_assert_max_num_queries(PAGE_QUERY_BUDGET) as queries:
            response = client_for(constituency).get(path, HTTP_COOKIE="sessionid=x")
            assert response.status_code == 200
        counts[path] = len(queries.captured_queries)
    # The Welsh story costs what the English-only site's does, and one more: the links
    # to its other language (below). Routing under /cy/ starts from the Welsh home the
    # site's chrome already holds.
    assert counts[welsh] <= counts[english_only] + 1
    assert counts["/cy/"] <= PAGE_QUERY_BUDGET


def test_the_links_to_a_pages_other_language_cost_one_query(
    clp_b, in_schema, rf, django_assert_num_queries
):
    with in_schema(clp_b):
        news = add_news("Twin story")
        welsh = translate_page(news, {"Twin story": "Stori efell"})
        welsh = NewsPage.objects.get(pk=welsh.pk)
        with translation.override("cy"):
            url = welsh.url
            request = rf.get(url, HTTP_HOST=clp_b.primary_domain)
            request.tenant = clp_b
            site_chrome(request)  # as SiteChromeMiddleware does before any page
            Site.get_site_root_paths()  # kept in the cache, as on any busy site
            with django_assert_num_queries(1):
                links = language_links(request, welsh)
    assert [(a.language, a.url) for a in links.alternates] == [
        ("en-gb", "/news/twin-story/"),
        ("cy", "/cy/news/twin-story/"),
    ]
    assert links.switch.url == "/language/en-gb/?next=%2Fnews%2Ftwin-story%2F"
