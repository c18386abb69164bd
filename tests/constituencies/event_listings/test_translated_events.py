"""A Welsh translation of an event is the same event: the hub lists it once."""

from constituencies.event_listings import index
from constituencies.event_listings.models import EventListing
from constituencies.languages.translating import translate_page
from tests.helpers import client_for

from .shared import listed_titles, publish_event


def test_a_translated_event_is_listed_once_in_english(clp_b, in_schema):
    with in_schema(clp_b):
        english = publish_event("Street stall", summary="An event.")
        welsh = translate_page(english, {"Street stall": "Stondin stryd"})
        welsh.save_revision().publish()  # as the translation screen publishes it
        english.save_revision().publish()
        english_url = english.url
    assert listed_titles(clp_b) == ["Street stall"]
    (listing,) = EventListing.objects.filter(constituency=clp_b)
    assert listing.page_id == english.pk
    assert listing.url == f"http://testford-south.localhost{english_url}"
    rebuilt = index.rebuild_index(clp_b)
    assert rebuilt.listed == 1
    assert listed_titles(clp_b) == ["Street stall"]


def test_the_hub_page_shows_a_translated_event_once(clp_b, hub, in_schema):
    with in_schema(clp_b):
        english = publish_event("Street stall", summary="An event.")
        translate_page(english, {"Street stall": "Stondin stryd"}).save_revision().publish()
    html = client_for(hub).get("/events/").content.decode()
    assert html.count("Street stall") == 1
    assert "Stondin stryd" not in html


def test_a_welsh_event_without_a_live_english_version_is_listed_in_welsh(clp_b, in_schema):
    with in_schema(clp_b):
        english = publish_event("Street stall", summary="An event.")
        welsh = translate_page(english, {"Street stall": "Stondin stryd"})
        welsh.save_revision().publish()
        english.unpublish()
        welsh_url = welsh.url
    (listing,) = EventListing.objects.filter(constituency=clp_b)
    assert (listing.title, listing.page_id) == ("Stondin stryd", welsh.pk)
    assert listing.url == f"http://testford-south.localhost{welsh_url}"
    assert welsh_url.startswith("/cy/")
    with in_schema(clp_b):
        english.save_revision().publish()
    assert listed_titles(clp_b) == ["Street stall"]
    with in_schema(clp_b):
        english.delete()
    assert listed_titles(clp_b) == ["Stondin stryd"]
