"""The hub's public pages: how they look when shared, their sitemap, and the favicon that
the hub and every site answer with."""

import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image as PILImage
from wagtail.models import Site

from constituencies.website.models.site_settings import AccentColour, SiteSettings
from tests.helpers import client_for


def _meta(html, prop):
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return match.group(1) if match else None


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", "Find your local Labour party"),
        ("/events/", "Labour events near you"),
        ("/official/", "Is this account official?"),
        ("/official/report/", "Report an account"),
        ("/membersnet/certificates/", "Check a training certificate"),
    ],
)
def test_the_hubs_public_pages_share_well(hub, path, title):
    html = Client(HTTP_HOST="localhost").get(path).content.decode()
    assert _meta(html, "og:title") == title
    assert _meta(html, "og:description")
    assert _meta(html, "og:type") == "website"
    assert _meta(html, "og:site_name") == "LabourHub"
    assert _meta(html, "og:url") == f"http://localhost{path}"
    assert _meta(html, "og:image") == "http://localhost/static/img/share-default.png"
    assert _meta(html, "og:image:alt")
    assert _meta(html, "twitter:card") == "summary_large_image"
    with PILImage.open(finders.find("img/share-default.png")) as served:
        assert served.size == (
            int(_meta(html, "og:image:width")),
            int(_meta(html, "og:image:height")),
        )


def test_the_og_url_leaves_out_the_query(hub):
    html = Client(HTTP_HOST="localhost").get("/", {"q": "testford"}).content.decode()
    assert _meta(html, "og:url") == "http://localhost/"


def test_membersnet_pages_are_not_offered_for_sharing(member_user):
    html = client_for("localhost", member_user).get("/membersnet/").content.decode()
    assert _meta(html, "og:title") is None
    assert '<meta name="robots" content="noindex">' in html


def test_a_constituency_site_has_its_own_tags_not_the_hubs(clp_a):
    html = client_for(clp_a).get("/").content.decode()
    assert _meta(html, "og:site_name") == "Testford North Labour"
    assert html.count('property="og:title"') == 1


def test_the_hub_sitemap_lists_what_robots_txt_lets_crawlers_see(hub):
    visitor = Client(HTTP_HOST="localhost")
    response = visitor.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    locations = re.findall(r"<loc>([^<]*)</loc>", response.content.decode())
    assert locations == [
        "http://localhost/",
        "http://localhost/events/",
        "http://localhost/campaigns/",
        "http://localhost/official/",
        "http://localhost/official/report/",
        "http://localhost/membersnet/certificates/",
        "http://localhost/privacy/",
    ]
    robots = visitor.get("/robots.txt").content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in robots.splitlines()
    disallowed = [
        line.split(": ")[1] for line in robots.splitlines() if line.startswith("Disallow")
    ]
    allowed = [line.split(": ")[1] for line in robots.splitlines() if line.startswith("Allow")]
    for location in locations:
        path = location.removeprefix("http://localhost")
        assert not any(path.startswith(d) for d in disallowed) or any(
            path.startswith(a) for a in allowed
        ), path


@pytest.mark.parametrize("host", ["localhost", "testford-north.localhost"])
def test_the_favicon_answers_on_the_hub_and_on_every_site(clp_a, host):
    response = Client(HTTP_HOST=host).get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    with PILImage.open(io.BytesIO(response.content)) as icon:
        assert icon.format == "ICO"
    html = Client(HTTP_HOST=host).get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html
    icon = "/favicon.svg" if host != "localhost" else "/static/img/favicon.svg"
    assert f'<link rel="icon" href="{icon}" type="image/svg+xml">' in html
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in html


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("img/favicon.svg", "image/svg+xml"), ("img/apple-touch-icon.png", "image/png")],
)
def test_the_linked_icons_exist(name, content_type):
    path = finders.find(name)
    assert path
    if content_type == "image/png":
        with PILImage.open(path) as icon:
            assert icon.size == (180, 180)
    else:
        with open(path) as svg:
            assert svg.read().startswith("<svg")


def test_each_site_has_an_icon_in_its_accent_colour(clp_a, clp_b, in_schema):
    with in_schema(clp_b):
        settings = SiteSettings.for_site(Site.objects.get())
        settings.accent_colour = AccentColour.CHARCOAL
        settings.save()
    north = Client(HTTP_HOST=clp_a.primary_domain).get("/favicon.svg")
    assert north.status_code == 200
    assert north["Content-Type"] == "image/svg+xml"
    assert 'fill="#c8102e"' in north.content.decode()
    south = Client(HTTP_HOST=clp_b.primary_domain).get("/favicon.svg").content.decode()
    assert 'fill="#2e2e2c"' in south
    assert south.startswith("<svg")
