"""look_up_postcode: the table first, then (when configured) a postcodes.io-compatible
service for postcodes the table lacks."""

import datetime as dt

import pytest

from constituencies.postcodes.lookup import PostcodeStatus, look_up_postcode
from constituencies.postcodes.remote import resume_postcode_service

from .postcode_service import FAILING, SLOW, postcode_service


@pytest.fixture
def service(settings, clp_a):
    """The service, configured, knowing TF9 9ZZ (in constituency A) and TF9 9ZU (in a
    constituency with no site, on the shipped list)."""
    known = {"TF9 9ZZ": (clp_a.gss_code, 52.5, -2.25), "TF9 9ZU": ("E14001131", 51.4, -2.6)}
    with postcode_service(known) as server:
        settings.POSTCODE_LOOKUP_URL = server.url + "/"
        settings.POSTCODE_LOOKUP_TIMEOUT = 0.2
        yield server


@pytest.mark.parametrize("typed", ["TF1 1AA", "tf11aa", "  Tf1   1aA "])
def test_a_postcode_in_the_table_gives_its_constituency_and_position(
    typed, postcodes_of_a_and_b, clp_a
):
    found = look_up_postcode(typed)
    assert found.postcode == "TF1 1AA"
    assert found.status == PostcodeStatus.FOUND
    assert (found.gss_code, found.constituency) == (clp_a.gss_code, clp_a)
    assert (found.latitude, found.longitude) == (52.1, -2.1)
    assert found.constituency_name == "Testford North"
    assert not found.from_service


def test_a_terminated_postcode_says_so_and_where_it_was(postcodes_of_a_and_b, clp_a):
    found = look_up_postcode("TF1 9ZZ")
    assert found.status == PostcodeStatus.TERMINATED
    assert found.terminated_on == dt.date(2019, 6, 1)
    assert found.constituency == clp_a


def test_a_constituency_without_a_site_is_named_from_the_shipped_list(postcodes_of_a_and_b):
    found = look_up_postcode("BS1 5TR")
    assert (found.status, found.constituency) == (PostcodeStatus.FOUND, None)
    assert found.constituency_name == "Bristol Central"
    assert look_up_postcode("TF2 2AB").constituency_name == ""


@pytest.mark.parametrize("typed", ["", "Bristol", "BS5", "12345", "<script>"])
def test_text_that_is_not_a_postcode_is_invalid_without_a_query(
    typed, db, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert look_up_postcode(typed).status == PostcodeStatus.INVALID


def test_a_postcode_nobody_knows_is_unknown(postcodes_of_a_and_b):
    found = look_up_postcode("ZE9 9ZZ")
    assert (found.postcode, found.status, found.gss_code) == ("ZE9 9ZZ", "unknown", "")


def test_the_service_is_off_by_default(settings, db):
    assert settings.POSTCODE_LOOKUP_URL == ""
    with postcode_service({"TF9 9ZZ": ("E14999901", 52.5, -2.25)}) as server:
        assert look_up_postcode("TF9 9ZZ").status == PostcodeStatus.UNKNOWN
    assert server.asked == []


def test_the_service_answers_for_postcodes_the_table_lacks(service, clp_a):
    found = look_up_postcode("tf99zz")
    assert found.status == PostcodeStatus.FOUND
    assert (found.constituency, found.latitude, found.longitude) == (clp_a, 52.5, -2.25)
    assert found.from_service
    assert service.asked == ["TF9 9ZZ"]


def test_the_table_is_asked_first(service, postcodes_of_a_and_b):
    assert look_up_postcode("TF1 1AA").status == PostcodeStatus.FOUND
    assert look_up_postcode("TF1 9ZZ").status == PostcodeStatus.TERMINATED
    assert service.asked == []


def test_the_services_answers_are_cached_found_or_not(service):
    for _ in range(2):
        assert look_up_postcode("TF9 9ZU").constituency_name == "Bristol Central"
        assert look_up_postcode("TF9 9ZY").status == PostcodeStatus.UNKNOWN
    assert service.asked == ["TF9 9ZU", "TF9 9ZY"]


@pytest.mark.parametrize("postcode", [FAILING, SLOW])
def test_a_failing_or_slow_service_leaves_the_tables_answer_and_is_asked_again_later(
    service, postcode, caplog
):
    assert look_up_postcode(postcode).status == PostcodeStatus.UNKNOWN
    assert "The postcode service" in caplog.text
    # For a while after a failure it is left alone, then asked again: failures are
    # not cached.
    assert look_up_postcode("TF9 9ZZ").status == PostcodeStatus.UNKNOWN
    assert service.asked == [postcode]
    resume_postcode_service()
    assert look_up_postcode(postcode).status == PostcodeStatus.UNKNOWN
    assert look_up_postcode("TF9 9ZZ").status == PostcodeStatus.UNKNOWN  # paused again
    assert service.asked == [postcode, postcode]


def test_the_service_is_asked_again_once_the_pause_is_over(service, monkeypatch):
    monkeypatch.setattr("constituencies.postcodes.remote.PAUSE_AFTER_FAILURE_SECONDS", 0)
    look_up_postcode(FAILING)
    assert look_up_postcode("TF9 9ZZ").status == PostcodeStatus.FOUND
    assert service.asked == [FAILING, "TF9 9ZZ"]


def test_an_unreachable_service_leaves_the_tables_answer(settings, db):
    with postcode_service({}) as server:
        url = server.url
    settings.POSTCODE_LOOKUP_URL = url  # nothing listens there any more
    assert look_up_postcode("TF9 9ZZ").status == PostcodeStatus.UNKNOWN
