"""The hub's /events/: upcoming public events of every active constituency, searchable."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from constituencies.event_listings.models import EventListing
from constituencies.event_listings.views import EVENTS_PER_PAGE
from constituencies.postcodes.models import Postcode
from constituencies.website.models import ActivityType
from tests.helpers import client_for

from .shared import make_listing, publish_event


def _events_page(data=None, client=None):
    response = (client or client_for("localhost")).get("/events/", data or {})
    return response, response.content.decode()


def _titles(html) -> list[str]:
    return re.findall(r'<h3><a href="[^"]*">([^<]*)</a></h3>', html)


def test_it_lists_upcoming_events_soonest_first_and_hides_past_ones(clp_a, clp_b):
    make_listing(clp_a, "Next month", starts_in_days=30)
    make_listing(clp_b, "Tomorrow", starts_in_days=1)
    make_listing(clp_a, "Last week", starts_in_days=-7)
    make_listing(clp_a, "Going on now", starts_in_days=0, hours=48)
    response, html = _events_page()
    assert response.status_code == 200
    assert _titles(html) == ["Going on now", "Tomorrow", "Next month"]
    assert "3 upcoming events." in html


def test_each_event_says_when_what_where_and_whose_it_is(clp_a):
    start = timezone.make_aware(dt.datetime(2030, 7, 6, 10, 30))  # BST: 10:30am in the UK
    EventListing.objects.create(
        constituency=clp_a,
        page_id=5,
        title="Summer stall",
        summary="Come and say hello.",
        url="http://testford-north.localhost/events/summer-stall/",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        activity_type=ActivityType.STALL,
        venue="Market square",
        postcode="BS5 7AA",
    )
    _, html = _events_page()
    assert "Saturday 6 July 2030, 10:30am to 12:30pm" in html
    assert "Street stall" in html
    assert '<a href="http://testford-north.localhost/events/summer-stall/">Summer stall</a>' in html
    assert "Testford North · Market square, BS5 7AA" in html
    assert "Come and say hello." in html


def test_links_follow_the_port_the_hub_is_served_on(clp_a):
    make_listing(clp_a, "Stall")
    html = client_for("localhost:8123").get("/events/").content.decode()
    assert '<a href="http://testford-north.localhost:8123/events/stall/">Stall</a>' in html


def test_the_hub_header_links_to_it(clp_a):
    _, html = _events_page()
    assert '<li><a href="http://localhost/events/">Events</a></li>' in html
    directory = client_for("localhost").get("/").content.decode()
    assert '<a href="http://localhost/events/">Events</a>' in directory


@pytest.mark.parametrize(
    "who", ["anonymous", "member_user", "officer_a", "officer_b", "staff_user"]
)
def test_it_is_public_and_the_same_for_everyone(who, clp_a, request):
    make_listing(clp_a, "Open to all")
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response, html = _events_page(client=client_for("localhost", user))
    assert response.status_code == 200
    assert _titles(html) == ["Open to all"]


def test_a_sites_own_events_page_is_not_the_hubs_list(clp_a, clp_b):
    make_listing(clp_b, "Another site's event")
    response = client_for(clp_a).get("/events/")
    assert response.status_code == 200
    assert "Another site&#x27;s event" not in response.content.decode()
    assert "Another site's event" not in response.content.decode()


def test_events_of_suspended_or_archived_constituencies_are_hidden(clp_a, clp_b):
    make_listing(clp_a, "Suspended site's event")
    make_listing(clp_b, "Archived site's event")
    clp_a.suspend()
    clp_b.archive()
    _, html = _events_page()
    assert _titles(html) == []


def test_it_filters_by_type_and_offers_only_types_with_events(clp_a):
    make_listing(clp_a, "Phone bank", activity_type=ActivityType.PHONE_BANK)
    make_listing(clp_a, "Quiz night", activity_type=ActivityType.SOCIAL)
    _, html = _events_page({"type": "phone_bank"})
    assert _titles(html) == ["Phone bank"]
    assert '<option value="phone_bank" selected>Phone bank</option>' in html
    assert '<option value="social">Social</option>' in html
    assert 'value="fundraiser"' not in html
    assert "1 upcoming event matches your search." in html


def test_a_type_with_no_events_finds_none_and_says_what_to_try(clp_a):
    make_listing(clp_a, "Quiz night", activity_type=ActivityType.SOCIAL)
    _, html = _events_page({"type": "fundraiser"})
    assert _titles(html) == []
    assert "No upcoming events match your search" in html
    assert '<option value="fundraiser" selected>Fundraiser</option>' in html


def test_it_filters_by_constituency_name(clp_a, clp_b):
    make_listing(clp_a, "North event")
    make_listing(clp_b, "South event")
    _, html = _events_page({"constituency": "south"})
    assert _titles(html) == ["South event"]


def test_it_searches_titles_summaries_and_venues(clp_a):
    make_listing(clp_a, "Canvass in Easton")
    make_listing(clp_a, "Coffee morning", summary="In Easton's community centre.")
    make_listing(clp_a, "Social", venue="The Easton Arms")
    make_listing(clp_a, "Phone bank in Bedminster")
    _, html = _events_page({"q": "easton"})
    assert sorted(_titles(html)) == ["Canvass in Easton", "Coffee morning", "Social"]


@pytest.mark.parametrize("postcode", ["BS5", "bs5", "BS5 6AB", "bs56ab", " BS5  6AB "])
def test_a_postcode_finds_events_in_its_district(postcode, clp_a):
    make_listing(clp_a, "In BS5", postcode="BS5 7AA")
    make_listing(clp_a, "In BS50", postcode="BS50 1AA")
    make_listing(clp_a, "In BS1", postcode="BS1 5TR")
    make_listing(clp_a, "No postcode")
    _, html = _events_page({"postcode": postcode})
    assert _titles(html) == ["In BS5"]


def test_a_whole_postcode_also_finds_every_event_of_its_constituency(clp_a, clp_b):
    Postcode.objects.create(postcode="BS5 6AB", gss_code=clp_b.gss_code)
    make_listing(clp_a, "North, in BS5", postcode="BS5 7AA")
    make_listing(clp_b, "South, no postcode")
    make_listing(clp_b, "South, in CF24", postcode="CF24 1AA")
    make_listing(clp_a, "North, in BS1", postcode="BS1 5TR")
    _, whole = _events_page({"postcode": "bs5 6ab"})
    _, district = _events_page({"postcode": "BS5"})
    _, unknown = _events_page({"postcode": "BS5 9ZZ"})
    assert sorted(_titles(whole)) == ["North, in BS5", "South, in CF24", "South, no postcode"]
    assert _titles(district) == ["North, in BS5"]
    assert _titles(unknown) == ["North, in BS5"]


def test_filters_combine(clp_a, clp_b):
    make_listing(clp_a, "North stall", activity_type=ActivityType.STALL, postcode="BS5 7AA")
    make_listing(clp_b, "South stall", activity_type=ActivityType.STALL, postcode="BS5 7AB")
    make_listing(clp_a, "North social", activity_type=ActivityType.SOCIAL, postcode="BS5 7AA")
    _, html = _events_page({"type": "stall", "postcode": "BS5", "constituency": "north"})
    assert _titles(html) == ["North stall"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "nonsense"}, "Choose a type of event from the list."),
        ({"postcode": "not a postcode"}, "Enter a postcode, like BS5 6AB, or its first part"),
        ({"postcode": "x" * 500}, "Enter a postcode, like BS5 6AB, or its first part"),
    ],
)
def test_bad_filters_are_explained_and_keep_what_was_typed(data, message, clp_a):
    make_listing(clp_a, "Any event")
    response, html = _events_page({**data, "q": "kept words"})
    assert response.status_code == 200
    assert message in html
    assert 'value="kept words"' in html
    assert "There is a problem" in html
    assert _titles(html) == []


@pytest.mark.parametrize("text", ["a" * 500, "stall\x00night", "%", "' OR 1=1 --"])
def test_odd_or_long_words_are_searched_without_error(text, clp_a):
    make_listing(clp_a, "Any event")
    response, html = _events_page({"q": text, "constituency": text})
    assert response.status_code == 200
    assert "No upcoming events match your search" in html


def test_with_no_events_it_says_where_to_look(db, hub):
    _, html = _events_page()
    assert "No upcoming events are listed yet" in html
    assert 'href="/">find your local party</a>' in html


def test_it_is_paginated_and_pages_keep_the_filters(clp_a):
    for number in range(EVENTS_PER_PAGE + 2):
        make_listing(clp_a, f"Stall {number:02d}", starts_in_days=number + 1, venue="Market")
    make_listing(clp_a, "Elsewhere", starts_in_days=1)
    _, first = _events_page({"q": "market"})
    _, second = _events_page({"q": "market", "page": 2})
    assert len(_titles(first)) == EVENTS_PER_PAGE
    assert _titles(second) == ["Stall 20", "Stall 21"]
    assert 'href="?q=market&amp;page=2" rel="next">Later</a>' in first
    assert 'href="?q=market&amp;page=1" rel="prev">Sooner</a>' in second
    assert "Page 2 of 2" in second
    assert _events_page({"page": "nonsense"})[0].status_code == 200
    assert _events_page({"page": "999"})[0].status_code == 200


def test_its_queries_do_not_grow_with_the_events_listed(
    clp_a, clp_b, django_assert_max_num_queries
):
    for number in range(EVENTS_PER_PAGE + 5):
        make_listing(clp_a if number % 2 else clp_b, f"Event {number}", starts_in_days=number)
    # The hub's host (looked up once), then the count, the page, the first to finish and
    # the types on offer: one query each, whatever the number of events or constituencies.
    with django_assert_max_num_queries(8):
        response, html = _events_page({"postcode": "BS5", "type": "meeting"})
    with django_assert_max_num_queries(7):  # and the postcode's constituency: two more
        _events_page({"postcode": "BS5 6AB"})
    with django_assert_max_num_queries(5):
        response, html = _events_page()
    assert response.status_code == 200
    assert len(_titles(html)) == EVENTS_PER_PAGE


def test_filtered_pages_are_kept_by_the_page_cache(clp_a):
    make_listing(clp_a, "Stall", activity_type=ActivityType.STALL, postcode="BS5 7AA")
    filters = {"type": "stall", "postcode": "BS5", "constituency": "north", "q": "stall"}
    assert _events_page(filters)[0]["X-Page-Cache"] == "miss"
    response, html = _events_page(filters)
    assert response["X-Page-Cache"] == "hit"
    assert _titles(html) == ["Stall"]


def test_caches_keep_it_until_its_first_event_finishes(clp_a, settings):
    settings.HTTP_CACHE_SECONDS = 24 * 60 * 60
    make_listing(clp_a, "Soon over", starts_in_days=0, hours=1)
    make_listing(clp_a, "Later", starts_in_days=3)
    response, _ = _events_page()
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    s_maxage = int(re.search(r"s-maxage=(\d+)", cache_control).group(1))
    assert 0 < s_maxage <= 60 * 60


def test_a_newly_published_event_shows_at_once_despite_the_cache(
    clp_a, in_schema, django_capture_on_commit_callbacks
):
    _, before = _events_page()
    assert "No upcoming events are listed yet" in before
    assert _events_page()[0]["X-Page-Cache"] == "hit"
    with in_schema(clp_a), django_capture_on_commit_callbacks(execute=True):
        event = publish_event("Fresh event")
    response, after = _events_page()
    assert _titles(after) == ["Fresh event"]
    assert f'href="http://testford-north.localhost{event.url}"' in after


ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="BS5 6AB\x00İß%<", min_size=95, max_size=105),
    st.sampled_from(["", " ", "\x00", "BS5", "bs5 6ab", "BS50", "İ" * 301, "../"]),
)


# The page cache's keys hold the query as sent; Redis takes any key (see
# tests/platform/test_public_input_properties.py).
@pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning")
@given(q=ANY_TEXT, postcode=ANY_TEXT, constituency=ANY_TEXT, kind=ANY_TEXT, page=ANY_TEXT)
def test_whatever_is_asked_it_answers_without_error(clp_a, q, postcode, constituency, kind, page):
    response, _ = _events_page(
        {"q": q, "postcode": postcode, "constituency": constituency, "type": kind, "page": page}
    )
    assert response.status_code == 200


def test_too_many_whole_postcode_searches_are_paused_keeping_the_filters(clp_a, settings):
    settings.POSTCODE_SEARCH_RATE_LIMIT = "1/h"
    make_listing(clp_a, "In BS5", postcode="BS5 7AA")
    assert _events_page({"postcode": "BS5 6AB"})[0].status_code == 200
    response = client_for("localhost").get("/events/", {"postcode": "BS5 7AA", "q": "stall"})
    page = response.content.decode()
    assert response.status_code == 429
    assert "Too many postcode searches" in page
    assert 'value="BS5 7AA"' in page
    assert 'value="stall"' in page
    assert "In BS5" not in page
    # A district alone is not looked up, so it is not limited; nor is another visitor.
    assert "In BS5" in _events_page({"postcode": "BS5"})[1]
    assert (
        client_for("localhost")
        .get("/events/", {"postcode": "BS5 7AA"}, REMOTE_ADDR="10.0.0.9")
        .status_code
        == 200
    )
