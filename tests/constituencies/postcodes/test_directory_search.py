"""The hub's "Find your local party" search by postcode: straight to the site, or a
sentence saying why not."""

import pytest
from django.test import Client

from constituencies.postcodes.importing import import_postcodes
from tests.helpers import client_for

from .postcode_service import postcode_service


def _search(query, **headers):
    return Client(HTTP_HOST="localhost").get("/", {"q": query}, **headers)


@pytest.mark.parametrize("typed", ["TF1 1AA", "tf11aa", " tf1  1aa "])
def test_a_postcode_goes_straight_to_its_constituencys_site(typed, postcodes_of_a_and_b):
    response = _search(typed)
    assert response.status_code == 302
    assert response["Location"] == "http://testford-north.localhost/"
    assert "no-store" in response["Cache-Control"]


def test_each_postcode_goes_to_its_own_constituency(postcodes_of_a_and_b):
    assert _search("CF99 1AB")["Location"] == "http://testford-south.localhost/"


def test_the_site_address_keeps_the_hubs_port(postcodes_of_a_and_b):
    response = Client(HTTP_HOST="localhost:8123").get("/", {"q": "TF1 1AA"})
    assert response["Location"] == "http://testford-north.localhost:8123/"


def test_an_unknown_postcode_says_so(postcodes_of_a_and_b):
    response = _search("tf8 8zz")
    page = response.content.decode()
    assert response.status_code == 200
    assert "We don't know the postcode <strong>TF8 8ZZ</strong>" in page
    assert 'value="tf8 8zz"' in page  # the search box keeps what was typed


def test_an_unknown_postcode_is_never_cached(postcodes_of_a_and_b):
    # The postcode may be newer than the table, or the postcode service down a moment.
    assert "no-store" in _search("TF8 8ZZ")["Cache-Control"]
    assert "X-Page-Cache" not in _search("TF8 8ZZ").headers
    assert _search("BS1 5TR").headers["X-Page-Cache"] == "miss"
    assert _search("BS1 5TR").headers["X-Page-Cache"] == "hit"


def test_a_terminated_postcode_says_it_is_no_longer_in_use_and_where_it_was(
    postcodes_of_a_and_b,
):
    response = _search("TF1 9ZZ")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>TF1 9ZZ</strong> is no longer in use (since June 2019)." in page
    assert 'It was in <a href="http://testford-north.localhost/">Testford North</a>.' in page


def test_a_constituency_with_no_site_is_named(postcodes_of_a_and_b):
    page = _search("BS1 5TR").content.decode()
    assert "is in Bristol Central, which has no local party site on LabourHub yet." in page


def test_a_constituency_off_the_list_is_given_by_its_code(postcodes_of_a_and_b):
    page = _search("TF2 2AB").content.decode()
    assert "is in a constituency (E14999999) that has no local party site" in page


def test_a_suspended_site_is_not_linked(postcodes_of_a_and_b, clp_a):
    clp_a.suspend()
    response = _search("TF1 1AA")
    page = response.content.decode()
    assert response.status_code == 200
    assert "is in Testford North. Its local party's site is unavailable for now" in page
    assert "testford-north.localhost" not in page


def test_an_archived_site_is_not_linked(postcodes_of_a_and_b, clp_b):
    clp_b.archive()
    page = _search("CF99 1AB").content.decode()
    assert "is in Testford South. Its local party's site has closed." in page
    assert "testford-south.localhost" not in page


def test_a_terminated_postcode_of_a_suspended_site_links_nowhere(postcodes_of_a_and_b, clp_a):
    clp_a.suspend()
    page = _search("TF1 9ZZ").content.decode()
    assert "It was in Testford North." in page
    assert "testford-north.localhost" not in page


def test_a_place_name_still_searches_names(postcodes_of_a_and_b):
    page = _search("north").content.decode()
    assert "1 constituency match “north”" in page
    assert "Testford North" in page


def test_part_of_a_postcode_searches_names_and_suggests_the_whole_postcode(postcodes_of_a_and_b):
    page = _search("TF1").content.decode()
    assert "No constituency matches “TF1”" in page
    assert "Searching by postcode? Enter all of it, like BS5 7AA." in page


def test_the_search_box_says_it_takes_a_postcode(db):
    page = Client(HTTP_HOST="localhost").get("/").content.decode()
    assert '<label for="directory-q">Postcode or constituency name</label>' in page


def test_a_postcode_search_needs_a_fixed_number_of_queries(
    postcodes_of_a_and_b, django_assert_max_num_queries
):
    uncached = {"HTTP_COOKIE": "sessionid=x"}
    _search("TF1 1AA", **uncached)  # the hub's row is then cached
    # The postcode, its constituency and the constituency's domains.
    with django_assert_max_num_queries(4):
        assert _search("TF1 1AA", **uncached).status_code == 302
    with django_assert_max_num_queries(4):
        assert _search("TF8 8ZZ", **uncached).status_code == 200
    with django_assert_max_num_queries(4):
        assert _search("BS1 5TR", **uncached).status_code == 200


def test_the_postcode_service_finds_a_postcode_the_table_lacks(settings, clp_a):
    with postcode_service({"TF9 9ZZ": (clp_a.gss_code, 52.5, -2.25)}) as server:
        settings.POSTCODE_LOOKUP_URL = server.url
        response = _search("TF9 9ZZ")
    assert response["Location"] == "http://testford-north.localhost/"


def test_importing_postcodes_retires_the_cached_answers(
    clp_a, nspl_file, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_postcodes(nspl_file([{"pcds": "TF1 1AA", "pcon": "E14001131"}]))
    assert "is in Bristol Central" in _search("TF1 1AA").content.decode()
    assert _search("TF1 1AA").headers["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        import_postcodes(nspl_file([{"pcds": "TF1 1AA", "pcon": clp_a.gss_code}]))
    assert _search("TF1 1AA").status_code == 302


@pytest.mark.parametrize("who", [None, "member_user", "officer_a", "officer_b", "staff_user"])
def test_everyone_is_sent_to_the_same_site(who, postcodes_of_a_and_b, request):
    user = request.getfixturevalue(who) if who else None
    response = client_for("localhost", user).get("/", {"q": "TF1 1AA"})
    assert response["Location"] == "http://testford-north.localhost/"


def test_too_many_postcode_searches_from_one_address_are_paused_keeping_what_was_typed(
    postcodes_of_a_and_b, settings
):
    settings.POSTCODE_SEARCH_RATE_LIMIT = "2/h"
    assert _search("TF1 1AA").status_code == 302
    assert _search("TF9 9ZZ").status_code == 200  # an unknown postcode counts too
    response = _search("CF99 1AB")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Too many postcode searches" in page
    assert 'value="CF99 1AB"' in page
    assert "testford-south" not in page
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    # Names are not limited; nor is another visitor.
    assert "Testford South" in _search("Testford").content.decode()
    assert _search("CF99 1AB", REMOTE_ADDR="10.0.0.9").status_code == 302


def test_name_searches_do_not_count_against_the_postcode_limit(postcodes_of_a_and_b, settings):
    settings.POSTCODE_SEARCH_RATE_LIMIT = "1/h"
    for _ in range(3):
        assert _search("Testford").status_code == 200
    assert _search("TF1 1AA").status_code == 302


def test_the_postcode_limit_is_generous_enough_for_people(postcodes_of_a_and_b):
    for _ in range(30):
        assert _search("TF1 1AA").status_code == 302
