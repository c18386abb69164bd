"""The sitemap, robots.txt and what a page says when it is shared."""

from django.test import Client
from wagtail.models import Page

from tests.factories import add_news
from tests.helpers import client_for

from .shared import _get


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
