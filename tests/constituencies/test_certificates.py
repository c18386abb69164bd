"""The TLS terminator asks `/_tls/ask?domain=` before it gets a certificate for a host."""

import pytest
from django.test import Client

from constituencies.models import Domain


def _ask(domain, host="web:8000", method="get"):
    # Caddy calls the app directly, by its internal address, whatever the host.
    return getattr(Client(HTTP_HOST=host), method)("/_tls/ask", {"domain": domain})


def test_a_constituency_domain_and_the_hub_may_have_certificates(clp_a):
    assert _ask("testford-north.localhost").status_code == 200
    assert _ask("localhost").status_code == 200


def test_a_custom_domain_may_have_one_as_soon_as_it_is_added(clp_a):
    assert _ask("testfordnorthlabour.org.uk").status_code == 404
    Domain.objects.create(domain="testfordnorthlabour.org.uk", tenant=clp_a, is_primary=False)
    assert _ask("TestfordNorthLabour.org.uk.").status_code == 200


def test_suspended_and_archived_sites_keep_their_certificates(clp_a):
    clp_a.suspend()
    assert _ask("testford-north.localhost").status_code == 200
    clp_a.archive()
    assert _ask("testford-north.localhost").status_code == 200


@pytest.mark.parametrize(
    "domain",
    ["", "example.com", "nope.localhost", "x" * 300, "testford-north.localhost\x00", "a..b/c"],
)
def test_any_other_name_is_refused(clp_a, domain):
    response = _ask(domain)
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]


def test_only_get_is_answered(clp_a):
    assert _ask("testford-north.localhost", method="post").status_code == 404


def test_answered_without_looking_up_the_host_as_a_site(clp_a, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert _ask("testford-north.localhost", host="10.0.0.7:8000").status_code == 200
