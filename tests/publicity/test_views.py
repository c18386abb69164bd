"""The publicity kit of a key event: who may open it, and what it holds."""

import datetime as dt

import pytest
from django.utils import timezone

from constituencies.website.models import EventPage, NewsIndexPage
from labourhub.social_posts import x_length
from publicity.models import ChecklistItem
from publicity.share_text import (
    NETWORKS_BY_KEY,
    TITLE_FLOOR,
    EventFacts,
    compose,
    posts,
)
from tests.factories import add_event
from tests.helpers import client_for

from .shared import DENIED_TEXT, SHORT_URL, WHEN, _words, kit_url, register, text


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("member_user", 403),
        ("officer_a", 200),
        ("editor_a", 200),
        ("officer_b", 403),
        ("staff_user", 200),
    ],
)
def test_the_kit_opens_to_this_constituencys_officers_and_editors_and_to_staff_only(
    request, clp_a, key_event, who, expected
):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(clp_a, user)
    for path in (kit_url(key_event), kit_url(key_event) + "card.png"):
        response = client.get(path)
        if expected == "login":
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        else:
            assert response.status_code == expected
        if expected == 403:
            assert DENIED_TEXT in response.content.decode()


def test_an_event_that_is_not_key_has_no_kit(clp_a, in_schema, officer_a):
    with in_schema(clp_a):
        event = add_event("Committee meeting", is_key_event=False)
    client = client_for(clp_a, officer_a)
    assert client.get(kit_url(event)).status_code == 404
    assert client.get(kit_url(event) + "card.png").status_code == 404
    assert client.get(kit_url(event) + "qr-code.svg").status_code == 404
    with in_schema(clp_a):
        assert not ChecklistItem.objects.filter(event_id=event.pk).exists()


def test_the_hub_has_no_kits(key_event, staff_user):
    client = client_for("localhost", staff_user)
    assert client.get(kit_url(key_event)).status_code == 404
    assert client.get("/e/1/").status_code == 404


def test_a_page_that_is_not_an_event_has_no_kit(clp_a, in_schema, officer_a):
    with in_schema(clp_a):
        news_index = NewsIndexPage.objects.get(locale__language_code="en-gb")
    assert client_for(clp_a, officer_a).get(kit_url(news_index)).status_code == 404


def test_guessing_another_constituencys_event_id_finds_nothing(
    clp_a, clp_b, in_schema, officer_a, staff_user
):
    with in_schema(clp_b):
        theirs = add_event("Southern rally", is_key_event=True)
        register(clp_b)
    with in_schema(clp_a):
        assert not EventPage.objects.filter(pk=theirs.pk).exists()
    for user in (officer_a, staff_user):
        client = client_for(clp_a, user)
        assert client.get(kit_url(theirs)).status_code == 404
        assert client.get(kit_url(theirs) + "card.png").status_code == 404
        assert client.post(kit_url(theirs) + "checklist/1/", {"done": "1"}).status_code == 404
    with in_schema(clp_b):
        assert not ChecklistItem.objects.filter(event_id=theirs.pk).exists()


def test_the_kit_has_share_text_for_every_network_the_card_the_short_link_and_qr_code(
    clp_a, key_event, officer_a
):
    response = client_for(clp_a, officer_a).get(kit_url(key_event))
    page = text(response)
    short_url = SHORT_URL.format(id=key_event.pk)

    assert response.status_code == 200
    assert "Publicity kit" in page
    for name in ("X", "Bluesky", "Mastodon", "Facebook", "WhatsApp", "Email"):
        assert f">{name}</h3>" in page
    # Every post names the event, its place and its short link.
    for post in response.context["posts"]:
        assert "Meet your candidate" in post.text
        assert "Testford Library, TF1 1AA" in post.text
        assert short_url in post.text
        assert post.length <= post.limit
    [email] = [post for post in response.context["posts"] if post.network.key == "email"]
    assert email.subject.startswith("Meet your candidate: ")
    assert f'value="{short_url}"' in page
    assert f'src="/admin/publicity/{key_event.pk}/card.png?v=' in page
    assert f'src="/admin/publicity/{key_event.pk}/qr-code.svg"' in page
    assert f'alt="QR code for {short_url}"' in page
    assert "js/publicity-kit.js" in page
    assert "Sent to members by email" in page


def test_the_share_text_gives_the_day_and_time_in_uk_time(clp_a, in_schema, officer_a):
    # 17:30 UTC in July is 6:30pm in London (British Summer Time).
    starts = dt.datetime(timezone.now().year + 1, 7, 10, 17, 30, tzinfo=dt.UTC)
    with in_schema(clp_a):
        event = add_event("Summer social", is_key_event=True)
        EventPage.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=None)
    response = client_for(clp_a, officer_a).get(kit_url(event))
    for post in response.context["posts"]:
        assert "10 July" in post.text
        assert "6:30pm" in post.text


def test_the_kit_is_linked_from_a_key_events_edit_page_and_the_page_listing_only(
    clp_a, in_schema, key_event, officer_a
):
    with in_schema(clp_a):
        other = add_event("Ordinary meeting")
        events_index = key_event.get_parent()
    client = client_for(clp_a, officer_a)

    assert kit_url(key_event) in client.get(f"/admin/pages/{key_event.pk}/edit/").content.decode()
    assert kit_url(other) not in client.get(f"/admin/pages/{other.pk}/edit/").content.decode()
    listing = client.get(f"/admin/pages/{events_index.pk}/").content.decode()
    assert kit_url(key_event) in listing
    assert kit_url(other) not in listing


def _facts(title, venue="", postcode="", summary="", url="https://testford-north.org.uk/e/42/"):
    return EventFacts(
        title=title, when=WHEN, url=url, venue=venue, postcode=postcode, summary=summary
    )


def test_a_title_that_just_fits_x_is_kept_whole_and_one_character_more_is_cut():
    x = NETWORKS_BY_KEY["x"]
    overhead = x_length(compose(x, _facts("T"))) - 1
    fitting = _words(x.limit - overhead)

    whole = compose(x, _facts(fitting))
    assert whole.startswith(fitting + "\n")
    assert x_length(whole) == x.limit

    longer = _words(x.limit - overhead + 1)
    cut = compose(x, _facts(longer))
    assert x_length(cut) <= x.limit
    assert "…" in cut.split("\n")[0]
    assert longer not in cut
    assert WHEN in cut
    assert cut.endswith("https://testford-north.org.uk/e/42/")


def test_x_counts_the_link_as_23_however_long_it_is():
    x = NETWORKS_BY_KEY["x"]
    long_url = "https://" + "a" * 200 + ".example.org/e/42/"
    post = compose(x, _facts("Meet your candidate", url=long_url))
    assert long_url in post
    assert len(post) > x.limit
    assert x_length(post) <= x.limit


@pytest.mark.parametrize("network", ["x", "bluesky", "mastodon", "facebook", "whatsapp", "email"])
def test_the_longest_title_venue_and_summary_still_fit_every_network(network):
    chosen = NETWORKS_BY_KEY[network]
    facts = _facts(
        _words(255),  # the longest title a page may have
        venue=_words(120),  # the longest venue
        postcode="TF1 1AA",
        summary=_words(300),
    )
    post = compose(chosen, facts)
    assert chosen.measure(post) <= chosen.limit
    assert WHEN in post
    assert facts.url in post
    # The title is kept at least to its floor before the place is shortened.
    assert len(post.split("\n")[0]) >= TITLE_FLOOR


def test_characters_x_counts_twice_are_counted_twice():
    x = NETWORKS_BY_KEY["x"]
    title = "Rali 🌹 " * 60
    post = compose(x, _facts(title, venue="Neuadd y Dref", postcode="CF10 1AA"))
    assert x_length(post) <= x.limit
    assert len(post) < x.limit  # the roses weigh two each


def test_every_post_is_within_its_limit_at_the_bluesky_boundary():
    bluesky = NETWORKS_BY_KEY["bluesky"]
    overhead = len(compose(bluesky, _facts("T", venue="Hall"))) - 1
    fitting = _words(bluesky.limit - overhead)
    assert compose(bluesky, _facts(fitting, venue="Hall")).startswith(fitting + "\n")
    for post in posts(_facts(fitting + " more", venue="Hall")):
        assert post.length <= post.limit
