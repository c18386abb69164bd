"""A constituency's 404 and 500 pages carry its own name, menu and footer; the hub keeps
its own; a 500 whose chrome cannot be read falls back to the plain page."""

import pytest
from django.db import OperationalError
from django.test import Client

from constituencies.website.models import HomePage
from constituencies.website.templatetags import website_tags
from tests.helpers import client_for


def _visitor(host):
    return Client(HTTP_HOST=host, raise_request_exception=False)


def _fail(*args, **kwargs):
    raise RuntimeError("a bug")


@pytest.mark.parametrize("missing", ["/no-such-page/", "/news/no-such-story/"])
def test_a_404_on_a_site_shows_that_sites_name_menu_and_footer(clp_a, clp_b, missing):
    response = client_for(clp_a).get(missing)
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert '<a class="site-header__brand" href="/">Testford North Labour</a>' in html
    assert '<nav class="site-nav" id="site-menu" aria-label="Main">' in html
    assert 'href="/events/"' in html  # the site's menu
    assert "Testford North Constituency Labour Party" in html  # its footer
    assert "<title>Page not found · Testford North Labour</title>" in html
    assert clp_b.name not in html

    other = client_for(clp_b).get(missing).content.decode()
    assert f"{clp_b.name} Labour</a>" in other
    assert "Testford North" not in other


def test_the_hub_keeps_its_own_404(hub, clp_a):
    response = client_for("localhost").get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<a class="site-header__brand" href="/">LabourHub</a>' in html
    assert "Testford North" not in html


def test_a_500_on_a_site_shows_that_sites_name_menu_and_footer(clp_a, clp_b, monkeypatch):
    monkeypatch.setattr(HomePage, "get_context", _fail)
    response = _visitor(clp_a.primary_domain).get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert '<a class="site-header__brand" href="/">Testford North Labour</a>' in html
    assert 'href="/events/"' in html
    assert "Testford North Constituency Labour Party" in html
    assert "no-store" in response["Cache-Control"]
    other = _visitor(clp_b.primary_domain).get("/").content.decode()
    assert f"{clp_b.name} Labour</a>" in other
    assert "Testford North" not in other


def test_a_500_whose_chrome_cannot_be_read_is_the_plain_page(clp_a, monkeypatch, caplog):
    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(HomePage, "get_context", _fail)
    monkeypatch.setattr(website_tags, "site_chrome", database_gone)
    response = _visitor(clp_a.primary_domain).get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "css/labourhub.css" in html
    assert "Testford North" not in html
    assert "no-store" in response["Cache-Control"]
    assert "The site's 500 page could not be rendered" in caplog.text


def test_the_hub_keeps_its_own_500(hub, clp_a, monkeypatch):
    monkeypatch.setattr("constituencies.views.single_line", _fail)
    response = _visitor("localhost").get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "site-header" not in html
    assert "Testford North" not in html
