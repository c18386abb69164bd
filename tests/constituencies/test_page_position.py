"""Reordering pages in the admin's page listing (/admin/pages/<id>/set_position/): only a
POST with a valid position moves a page; anything else gets a clear answer, never a
server error, and moves nothing."""

import pytest
from django_tenants.utils import schema_context
from wagtail.models import Page, Site

from constituencies.website.models import NewsIndexPage
from tests.factories import add_news
from tests.helpers import client_for


@pytest.fixture
def news(clp_a, in_schema):
    with in_schema(clp_a):
        return [add_news(title) for title in ("First", "Second", "Third")]


def _titles(constituency):
    with schema_context(constituency.schema_name):
        return [
            page.title
            for page in NewsIndexPage.objects.get(locale__language_code="en-gb").get_children()
        ]


def _officer(clp_a, officer_a):
    client = client_for(clp_a, officer_a)
    client.raise_request_exception = False
    return client


def _url(page_id, query=""):
    return f"/admin/pages/{page_id}/set_position/{query}"


def test_an_officer_reorders_news_by_position(clp_a, officer_a, news):
    client = _officer(clp_a, officer_a)
    assert client.post(_url(news[2].pk, "?position=0")).status_code == 200
    assert _titles(clp_a) == ["Third", "First", "Second"]
    assert client.post(_url(news[2].pk, "?position=2")).status_code == 200
    assert _titles(clp_a) == ["First", "Second", "Third"]
    assert client.post(_url(news[0].pk, "?position=0")).status_code == 200
    assert _titles(clp_a) == ["First", "Second", "Third"]


@pytest.mark.parametrize("page", ["root", "home", "news"])
def test_opening_the_address_in_a_browser_is_not_allowed_and_not_an_error(
    clp_a, officer_a, news, in_schema, page
):
    with in_schema(clp_a):
        page_id = {
            "root": Page.get_first_root_node().pk,
            "home": Site.objects.get().root_page_id,
            "news": news[0].pk,
        }[page]
    response = _officer(clp_a, officer_a).get(_url(page_id))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "reordered by dragging them in the page listing" in response.content.decode()


def test_page_one_answers_an_officer_without_a_server_error(clp_a, officer_a):
    client = _officer(clp_a, officer_a)
    assert client.get(_url(1)).status_code == 405
    response = client.post(_url(1, "?position=0"))
    assert response.status_code == 400
    assert "root of the page tree can't be reordered" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["", "?position=", "?position=abc", "?position=-1", "?position=3"]
)
def test_a_missing_or_impossible_position_is_refused_and_moves_nothing(
    clp_a, officer_a, news, query
):
    response = _officer(clp_a, officer_a).post(_url(news[0].pk, query))
    assert response.status_code == 400
    assert "a whole number from 0 to 2" in response.content.decode()
    assert _titles(clp_a) == ["First", "Second", "Third"]


def test_an_unknown_page_is_not_found(clp_a, officer_a):
    assert _officer(clp_a, officer_a).post(_url(987654, "?position=0")).status_code == 404


def test_only_officers_of_this_constituency_and_central_staff_reorder(
    clp_a, news, member_user, officer_b, staff_user
):
    url = _url(news[2].pk, "?position=0")
    anonymous = client_for(clp_a).post(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert client_for(clp_a, member_user).post(url).status_code == 403
    assert client_for(clp_a, officer_b).post(url).status_code == 403
    assert _titles(clp_a) == ["First", "Second", "Third"]
    assert client_for(clp_a, staff_user).post(url).status_code == 200
    assert _titles(clp_a) == ["Third", "First", "Second"]


def test_central_staff_on_the_hub_get_clear_answers_too(hub, staff_user):
    client = client_for("localhost", staff_user)
    client.raise_request_exception = False
    with schema_context("public"):
        root_id = Page.get_first_root_node().pk
        home_id = Site.objects.get().root_page_id
        last = Page.objects.get(pk=root_id).get_children().count() - 1
    assert client.get(_url(root_id)).status_code == 405
    assert client.get(_url(1)).status_code == 405
    assert client.post(_url(root_id, "?position=0")).status_code == 400
    assert client.post(_url(home_id)).status_code == 400
    assert client.post(_url(home_id, f"?position={last}")).status_code == 200
