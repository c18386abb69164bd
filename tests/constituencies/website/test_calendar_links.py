"""Every page of a site tells calendar apps where its events feed is, and the events
page and the footer offer a webcal: link that subscribes a calendar app to it."""

import pytest

from tests.factories import add_event, add_news

from .shared import _get

FEED = (
    '<link rel="alternate" type="text/calendar" title="Testford North Labour events" '
    'href="http://testford-north.localhost/calendar.ics">'
)
WEBCAL = 'href="webcal://testford-north.localhost/calendar.ics"'


@pytest.fixture
def pages(clp_a, in_schema):
    with in_schema(clp_a):
        news = add_news("Bus routes saved")
        event = add_event("Street stall")
    return {
        "home": "/",
        "news index": "/news/",
        "news": news.url,
        "events": "/events/",
        "event": event.url,
        "past events": "/events/past/",
        "get involved": "/get-involved/",
        "contact": "/contact/",
        "not found": "/no-such-page/",
    }


def test_every_page_type_links_the_calendar_feed_and_a_webcal_subscription(clp_a, pages):
    for name, path in pages.items():
        response, html = _get(clp_a, path)
        assert response.status_code == (404 if name == "not found" else 200), name
        head = html.split("</head>")[0]
        assert head.count('type="text/calendar"') == 1, name
        assert FEED in head, name
        footer = html.split('<footer class="site-footer">')[1]
        assert WEBCAL in footer, name


def test_the_events_page_offers_webcal_beside_the_download(clp_a, pages):
    _, html = _get(clp_a, "/events/")
    links = html.split('<p class="feed-links">')[1].split("</p>")[0]
    assert '<a href="/calendar.ics">Subscribe to our calendar</a>' in links
    assert f"<a {WEBCAL}>open in your calendar app</a>" in links


def test_the_feed_the_links_point_to_is_the_sites_calendar(clp_a, clp_b, pages):
    response, body = _get(clp_a, "/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "Street stall" in body
    _, other = _get(clp_b, "/")
    assert f'href="http://{clp_b.primary_domain}/calendar.ics"' in other
    assert "Street stall" not in _get(clp_b, "/calendar.ics")[1]
