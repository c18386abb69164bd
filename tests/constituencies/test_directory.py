"""The hub's front page: "Find your local party"."""

from django.test import Client

from constituencies.provisioning import provision_constituency


def _directory(query="", port=None, **headers):
    host = "localhost" if port is None else f"localhost:{port}"
    return Client(HTTP_HOST=host).get("/", {"q": query} if query else {}, **headers)


def test_it_links_every_active_constituency_site(clp_a, clp_b):
    page = _directory().content.decode()
    assert "Find your local party" in page
    assert '<a href="http://testford-north.localhost/">Testford North</a>' in page
    assert '<a href="http://testford-south.localhost/">Testford South</a>' in page


def test_links_follow_the_port_the_hub_is_served_on(clp_a):
    page = _directory(port=8123).content.decode()
    assert 'href="http://testford-north.localhost:8123/"' in page


def test_it_groups_constituencies_by_nation(clp_a, clp_b):
    page = _directory().content.decode()
    assert page.index(">England<") < page.index("Testford North") < page.index(">Wales<")
    assert page.index(">Wales<") < page.index("Testford South")


def test_it_searches_by_name(clp_a, clp_b):
    page = _directory("north").content.decode()
    assert "Testford North" in page
    assert "Testford South" not in page
    assert "1 constituency match" in page


def test_a_search_with_no_match_says_so(clp_a):
    page = _directory("Atlantis").content.decode()
    assert "No constituency matches “Atlantis”" in page


def test_suspended_and_archived_sites_are_not_listed(clp_a, clp_b):
    clp_a.suspend()
    clp_b.archive()
    page = _directory().content.decode()
    assert "Testford North" not in page
    assert "Testford South" not in page


def test_the_template_and_the_hub_are_never_listed(clp_a):
    page = _directory().content.decode()
    assert "constituency-template" not in page
    assert "LabourHub</a></li>" not in page


def test_a_search_with_control_characters_is_read_as_spaces(clp_a, clp_b):
    response = _directory("testford\x00north")
    assert response.status_code == 200
    assert "Testford North" in response.content.decode()
    assert "Testford South" not in response.content.decode()


def test_search_input_is_escaped(clp_a):
    page = _directory('<script>alert("x")</script>').content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_the_directory_needs_a_fixed_number_of_queries(clp_a, clp_b, django_assert_max_num_queries):
    uncached = {"HTTP_COOKIE": "sessionid=x"}
    _directory(**uncached)  # the host's constituency is then looked up from the cache
    with django_assert_max_num_queries(4):
        assert _directory(**uncached).status_code == 200
    provision_constituency(name="Third Town", gss_code="S14999903", override_reason="Invented")
    with django_assert_max_num_queries(4):
        assert "Third Town" in _directory(**uncached).content.decode()


def test_the_cached_directory_changes_when_a_constituency_is_added_or_suspended(
    clp_a, clp_b, django_capture_on_commit_callbacks
):
    assert _directory().headers["X-Page-Cache"] == "miss"
    assert _directory().headers["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        provision_constituency(name="Third Town", gss_code="S14999903", override_reason="Invented")
    page = _directory()
    assert page.headers["X-Page-Cache"] == "miss"
    assert "Third Town" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        clp_b.suspend()
    assert "Testford South" not in _directory().content.decode()


def test_the_hub_asks_crawlers_to_keep_out_of_membersnet_and_the_admin(db):
    response = Client(HTTP_HOST="localhost").get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert "Disallow: /membersnet/" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_an_unknown_hub_page_gets_a_friendly_not_found_page(db):
    response = Client(HTTP_HOST="localhost").get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
