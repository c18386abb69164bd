"""The knowledge bank: members browse, search and share policy facts; staff curate them
in the hub's admin and see which facts travel and which need re-checking."""

import datetime as dt
import io
import re
from collections import Counter

import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image

from labourhub import social_posts
from membersnet.knowledge import share_card, share_text
from membersnet.knowledge.demo import fill_demo_facts, make_benchmark_facts
from membersnet.knowledge.models import Fact, ShareEvent, Source, Topic
from membersnet.knowledge.search import search_facts
from membersnet.knowledge.share_text import NETWORKS, NETWORKS_BY_KEY, SourceTooLong, compose
from membersnet.knowledge.whats_new import new_since
from tests.helpers import client_for

NOT_A_MEMBER = "Membersnet is for party members"
ADD_URL = "/admin/snippets/knowledge/fact/add/"


def hub(user=None):
    return client_for("localhost", user)


def today():
    return timezone.localdate()


def add_fact(
    title="Hospital waiting list",
    figure="7.5 million",
    claim="Demo: 7.5 million treatments are waiting to start.",
    *,
    topics=(),
    review_by=None,
    notes="",
    publisher="Example Health Office (demo)",
    url="https://example.org/demo/waiting",
    extra_sources=(),
):
    fact = Fact(
        title=title,
        figure=figure,
        claim=claim,
        notes=notes,
        figure_date=dt.date(2025, 3, 31),
        review_by=review_by or today() + dt.timedelta(days=90),
    )
    fact.topics = list(topics)
    fact.sources = [
        Source(title=f"{title}: report", publisher=publisher, url=url, accessed_on=today()),
        *extra_sources,
    ]
    fact.save()
    return fact


@pytest.fixture
def nhs(db):
    return Topic.objects.create(name="NHS")


@pytest.fixture
def fact(nhs):
    return add_fact(topics=[nhs])


def member_paths(fact, topic):
    return [
        "/membersnet/facts/",
        "/membersnet/facts/?q=waiting",
        "/membersnet/facts/search/?q=waiting",
        f"/membersnet/facts/topic/{topic.slug}/",
        f"/membersnet/facts/{fact.slug}/",
        f"/membersnet/facts/{fact.slug}/card.png",
    ]


def share(client, fact, network="x"):
    return client.post(f"/membersnet/facts/{fact.slug}/share/", {"network": network})


# --- who may use it ------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in_from_every_knowledge_page(fact, nhs):
    client = hub()
    for path in member_paths(fact, nhs):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/"), path
    response = share(client, fact)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not ShareEvent.objects.exists()


@pytest.mark.parametrize("who", ["non_member_user", "lapsed_member"])
def test_people_without_a_current_membership_are_refused_every_knowledge_page(
    request, who, fact, nhs
):
    client = hub(request.getfixturevalue(who))
    for path in member_paths(fact, nhs):
        response = client.get(path)
        assert response.status_code == 403, path
        assert NOT_A_MEMBER in response.content.decode(), path
    response = share(client, fact)
    assert response.status_code == 403
    assert NOT_A_MEMBER in response.content.decode()
    assert not ShareEvent.objects.exists()


@pytest.mark.parametrize("who", ["member_user", "staff_user"])
def test_members_and_central_staff_can_use_every_knowledge_page(request, who, fact, nhs):
    client = hub(request.getfixturevalue(who))
    for path in member_paths(fact, nhs):
        assert client.get(path).status_code == 200, path
    response = share(client, fact)
    assert response.status_code == 200
    assert "counted" in response.json()


# --- browsing and the fact page ------------------------------------------------------


def test_members_browse_facts_by_topic(member_user, nhs):
    housing = Topic.objects.create(name="Housing")
    add_fact("Waiting list", topics=[nhs])
    add_fact("Rent", "1 in 4", "Demo: 1 in 4 renters struggle.", topics=[housing])
    index = hub(member_user).get("/membersnet/facts/").content.decode()
    assert 'href="/membersnet/facts/topic/nhs/"' in index
    assert 'href="/membersnet/facts/topic/housing/"' in index
    page = hub(member_user).get("/membersnet/facts/topic/housing/").content.decode()
    assert "Rent" in page
    assert "Waiting list" not in page
    assert hub(member_user).get("/membersnet/facts/topic/nowhere/").status_code == 404


def test_the_facts_are_paginated(member_user):
    for number in range(23):
        add_fact(f"Filler fact {number:02d}")
    first = hub(member_user).get("/membersnet/facts/").content.decode()
    second = hub(member_user).get("/membersnet/facts/?page=2").content.decode()
    assert "Page 1 of 2" in first
    assert first.count('class="card knowledge-card"') == 20
    assert second.count('class="card knowledge-card"') == 3
    assert "Filler fact 22" in first  # newest first
    assert "Filler fact 00" in second


def test_a_fact_has_a_stable_address_made_from_its_title(fact):
    assert fact.slug == "hospital-waiting-list"
    assert fact.get_absolute_url() == "/membersnet/facts/hospital-waiting-list/"
    fact.title = "Hospital waiting lists, renamed"
    fact.save()
    fact.refresh_from_db()
    assert fact.slug == "hospital-waiting-list"
    assert add_fact().slug == "hospital-waiting-list-2"
    assert add_fact(title="Search").slug == "search-2"  # /facts/search/ is the search page


def test_the_fact_page_shows_the_figure_claim_and_every_source(member_user, nhs):
    second = Source(
        title="Second look",
        publisher="Example Research Library (demo)",
        url="https://example.org/demo/second",
        accessed_on=dt.date(2025, 4, 2),
    )
    shown = add_fact(topics=[nhs], notes="Use it with care.", extra_sources=[second])
    page = hub(member_user).get(shown.get_absolute_url()).content.decode()
    assert '<p class="knowledge-fact__figure">7.5 million</p>' in page
    assert "Demo: 7.5 million treatments are waiting to start." in page
    assert "31 March 2025" in page
    assert "Use it with care." in page
    assert 'href="https://example.org/demo/waiting"' in page
    assert "Example Research Library (demo)" in page
    assert "Accessed 2 April 2025" in page
    assert "Review by" not in page  # for staff only


def test_the_share_panel_offers_a_post_per_network_to_copy(member_user, fact):
    page = hub(member_user).get(fact.get_absolute_url()).content.decode()
    for network in NETWORKS:
        key = network.key
        assert f'<label for="post-{key}">Post for {network.name}</label>' in page
        assert re.search(rf'<textarea id="post-{key}" rows="6" readonly', page)
        assert (
            f'data-network="{key}" hidden>Copy<span class="visually-hidden"> the post for '
            f"{network.name}</span></button>"
        ) in page
        assert f'id="post-{key}-status" role="status" aria-live="polite"' in page
    assert "Source: Example Health Office (demo), https://example.org/demo/waiting" in page
    assert '<script src="/static/js/knowledge-share.js" defer></script>' in page
    assert "<script>" not in page  # no inline script
    assert f'href="/membersnet/facts/{fact.slug}/card.png?download=1"' in page
    assert 'data-share-url="/membersnet/facts/hospital-waiting-list/share/"' in page


def test_the_search_field_is_labelled(member_user, fact):
    page = hub(member_user).get("/membersnet/facts/").content.decode()
    assert '<label for="id_q">Search the facts</label>' in page
    assert re.search(r'<input type="search" name="q" id="id_q"', page)


# --- review-by -----------------------------------------------------------------------
# A fact is shown up to and including its review-by date, and hidden from the next day.


def _everything_members_see(client, fact, topic):
    pages = [
        "/membersnet/facts/",
        f"/membersnet/facts/topic/{topic.slug}/",
        "/membersnet/facts/search/?q=treatments",
    ]
    return "".join(client.get(path).content.decode() for path in pages)


@pytest.mark.parametrize("days_left", [0, 1])
def test_a_fact_is_shown_up_to_and_including_its_review_by_day(member_user, nhs, days_left):
    shown = add_fact(topics=[nhs], review_by=today() + dt.timedelta(days=days_left))
    client = hub(member_user)
    assert shown.get_absolute_url() in _everything_members_see(client, shown, nhs)
    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(f"{shown.get_absolute_url()}card.png").status_code == 200
    assert shown.is_visible()


def test_a_fact_past_its_review_by_day_is_hidden_everywhere_members_look(member_user, nhs):
    hidden = add_fact(topics=[nhs], review_by=today() - dt.timedelta(days=1))
    client = hub(member_user)
    assert hidden.get_absolute_url() not in _everything_members_see(client, hidden, nhs)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(f"{hidden.get_absolute_url()}card.png").status_code == 404
    assert client.get(f"{hidden.get_absolute_url()}card.png?download=1").status_code == 404
    assert share(client, hidden).status_code == 404
    assert not ShareEvent.objects.exists()
    assert list(search_facts("treatments")) == []
    assert new_since(None) == []
    assert "NHS" not in client.get("/membersnet/facts/").content.decode()  # an empty topic


def test_staff_see_facts_past_their_review_by_day_to_recheck(staff_user):
    add_fact("Overdue fact", review_by=today() - dt.timedelta(days=1))
    add_fact("Due today", review_by=today())
    add_fact("Due next year", review_by=today() + dt.timedelta(days=365))
    page = hub(staff_user).get("/admin/knowledge-bank/needs-rechecking/").content.decode()
    overdue, _, due_soon = page.partition("Due in the next 30 days")
    assert "Overdue fact" in overdue
    assert "Due today" not in overdue
    assert "Due today" in due_soon
    assert "Due next year" not in page


# --- search --------------------------------------------------------------------------


def test_search_ranks_the_fact_about_the_words_first(member_user):
    passing = add_fact(
        "Bus fares",
        "£2",
        "Demo: a bus fare costs £2.",
        notes="Compare it with waiting lists for hospital treatment.",
    )
    central = add_fact(
        "Hospital waiting lists",
        "7.5 million",
        "Demo: 7.5 million people are on hospital waiting lists.",
    )
    add_fact("Rail fares", "£5,000", "Demo: season tickets cost £5,000.")
    assert list(search_facts("hospital waiting lists")) == [central, passing]
    page = hub(member_user).get("/membersnet/facts/search/?q=hospital+waiting+lists")
    html = page.content.decode()
    assert "2 facts for “hospital waiting lists”" in html
    assert html.index(central.get_absolute_url()) < html.index(passing.get_absolute_url())
    assert "Rail fares" not in html


def test_search_finds_word_forms_topics_and_sources(nhs):
    found = add_fact(
        "Renting",
        "1 in 4",
        "Demo: 1 in 4 renters spend a third of their pay on housing.",
        topics=[nhs],
        publisher="Example Housing Observatory (demo)",
    )
    assert list(search_facts("houses")) == [found]  # "housing" and "houses" share a stem
    assert list(search_facts("NHS")) == [found]  # its topic
    assert list(search_facts("observatory")) == [found]  # its source's publisher
    assert list(search_facts('"third of their pay"')) == [found]
    assert list(search_facts("renters -housing")) == []


def test_the_search_index_follows_edits_to_facts_and_topics(nhs):
    edited = add_fact(topics=[nhs])
    edited.claim = "Demo: ambulances took an hour to arrive."
    edited.save()
    assert list(search_facts("ambulances")) == [edited]
    assert list(search_facts("treatments")) == []
    nhs.name = "Health service"
    nhs.save()
    assert list(search_facts("health service")) == [edited]


def test_a_search_from_the_index_page_shows_results(member_user, fact):
    html = hub(member_user).get("/membersnet/facts/?q=treatments").content.decode()
    assert "1 fact for “treatments”" in html
    assert fact.get_absolute_url() in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "Type a word or two to search the facts"),
        ("   ", "Type a word or two to search the facts"),
        ("the", "0 facts for “the”"),
        ('"unclosed -( & | !', "0 facts for"),
        ("x" * 201, "Search with fewer words: at most 200 characters (you typed 201)."),
    ],
)
def test_empty_odd_and_overlong_searches_are_answered_gracefully(
    member_user, fact, query, expected
):
    response = hub(member_user).get("/membersnet/facts/search/", {"q": query})
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_an_overlong_search_is_shown_as_an_error_on_its_field(member_user, fact):
    html = hub(member_user).get("/membersnet/facts/search/", {"q": "x" * 300}).content.decode()
    assert 'class="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert "<title>Error:" in html


# --- share text (pure functions) -----------------------------------------------------

PUBLISHER = "Example Office (demo)"
URL = "https://example.org/demo/a-report"


def _post(network, claim, figure="£2.3bn", publisher=PUBLISHER, url=URL, as_of="1 May 2025"):
    return compose(network, figure=figure, claim=claim, publisher=publisher, url=url, as_of=as_of)


def _claim_that_exactly_fills(network, figure="£2.3bn"):
    """A claim (mentioning the figure) making a post of exactly the network's limit."""

    def whole(claim):
        return "…" not in _post(network, claim, figure)

    claim = f"Demo: {figure} gone"
    while whole(claim + " word"):
        claim += " word"
    while whole(claim + "s"):
        claim += "s"
    return claim


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: n.key)
def test_a_claim_that_exactly_fits_is_posted_whole(network):
    claim = _claim_that_exactly_fills(network)
    text = _post(network, claim)
    assert network.measure(text) == network.limit
    assert text.startswith(claim)
    assert "…" not in text


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: n.key)
def test_one_character_more_shortens_the_claim_with_an_ellipsis_and_keeps_the_source(network):
    claim = _claim_that_exactly_fills(network) + "s"
    text = _post(network, claim)
    assert network.measure(text) <= network.limit
    opening, _, tail = text.partition("\n\n")
    assert opening.endswith("…")
    assert opening.startswith("Demo: £2.3bn gone")
    assert tail.endswith(f"Source: {PUBLISHER}, {URL}")
    assert claim.startswith(opening.removesuffix("…"))  # cut at a word, nothing rewritten


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: n.key)
def test_a_very_long_claim_is_cut_to_fit_every_network(network):
    claim = "Demo: £2.3bn was cut from council budgets " + "and then more again " * 400
    text = _post(network, claim)
    assert network.measure(text) <= network.limit
    assert len(text) > network.limit * 0.8 or network.key == "x"
    assert text.startswith("Demo: £2.3bn was cut")
    assert "…\n\n" in text
    assert text.endswith(f"Source: {PUBLISHER}, {URL}")


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: n.key)
def test_a_long_publisher_and_link_are_never_cut(network):
    publisher = "The Example Institute for Very Thorough Statistical Research (demo)"
    url = "https://example.org/" + "long-path/" * 14
    assert share_text.source_line_fits(publisher, url)
    text = _post(
        network, "Demo: councils lost £2.3bn of funding. " * 5, publisher=publisher, url=url
    )
    assert network.measure(text) <= network.limit
    assert text.endswith(f"Source: {publisher}, {url}")
    assert "£2.3bn" in text.partition("\n\n")[0]


def test_a_source_too_long_for_any_post_is_refused_rather_than_cut():
    publisher = "Example " * 40
    with pytest.raises(SourceTooLong):
        _post(NETWORKS_BY_KEY["bluesky"], "Demo: a claim.", publisher=publisher)
    assert not share_text.source_line_fits(publisher, URL)


def test_the_figure_leads_unless_the_claim_says_it():
    bluesky = NETWORKS_BY_KEY["bluesky"]
    assert _post(bluesky, "Demo: councils lost £2.3bn.").startswith("Demo: councils lost £2.3bn.")
    assert _post(bluesky, "Demo: councils lost funding.").startswith(
        "£2.3bn: Demo: councils lost funding."
    )
    # A cut that drops the figure puts it in front.
    late = "Demo: " + "councils lost so much money " * 12 + "in all £2.3bn."
    text = _post(bluesky, late)
    assert text.startswith("£2.3bn: Demo: councils")
    assert bluesky.measure(text) <= 300


def test_x_counts_links_as_23_and_wide_characters_as_two():
    x = NETWORKS_BY_KEY["x"]
    assert social_posts.x_length("https://example.org/" + "a" * 200) == 23
    assert social_posts.x_length("see gov.uk") == 4 + 23  # X links bare domains too
    assert social_posts.x_length("£é") == 2
    assert social_posts.x_length("中文") == 4
    assert social_posts.x_length("😀") == 2
    assert social_posts.mastodon_length("gov.uk https://example.org/" + "a" * 100) == 6 + 1 + 23
    long_url = "https://example.org/" + "path/" * 30
    claim = "Demo: £2.3bn " + "word " * 100
    x_text = _post(x, claim, url=long_url)
    bluesky_text = _post(NETWORKS_BY_KEY["bluesky"], claim, url=long_url)
    assert x.measure(x_text) <= 280
    # On X the long link costs 23, so more of the claim fits there than on Bluesky.
    assert len(x_text.partition("\n\n")[0]) > len(bluesky_text.partition("\n\n")[0])


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: n.key)
def test_non_ascii_claims_stay_within_every_limit(network):
    for claim in (
        "Demo: 中文的说明 " * 80,
        "Demo: Ysgolion yn cau ŵ ŷ " * 60,
        "Demo: 📉 " * 200,
        "Demo: e\u0301 " * 300,  # decomposed accents are normalised first
    ):
        text = _post(network, claim)
        assert network.measure(text) <= network.limit, claim[:20]
        assert text.endswith(f"Source: {PUBLISHER}, {URL}")


def test_the_generous_networks_say_when_the_figure_is_from():
    assert "Figure as of 1 May 2025." in _post(NETWORKS_BY_KEY["facebook"], "Demo: £2.3bn.")
    assert "Figure as of" not in _post(NETWORKS_BY_KEY["x"], "Demo: £2.3bn.")


# --- the card image ------------------------------------------------------------------


def test_the_card_is_a_1200_by_630_png(member_user, fact):
    response = hub(member_user).get(f"{fact.get_absolute_url()}card.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.size == (1200, 630)
    assert image.getpixel((5, 5)) == (0xC8, 0x10, 0x2E)  # Labour red


def test_the_card_is_drawn_once_per_version_and_revalidated_cheaply(member_user, fact, monkeypatch):
    drawn = []
    real_draw = share_card.draw_card
    monkeypatch.setattr(share_card, "draw_card", lambda **kw: drawn.append(1) or real_draw(**kw))
    client = hub(member_user)
    url = f"{fact.get_absolute_url()}card.png"
    first = client.get(url)
    assert client.get(url).content == first.content
    assert len(drawn) == 1
    assert first["Cache-Control"] == "private, no-cache"
    revalidated = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304
    page = client.get(fact.get_absolute_url()).content.decode()
    versioned = re.search(r'src="(/membersnet/facts/[^"]+card\.png\?v=\w+)"', page).group(1)
    assert "immutable" in client.get(versioned)["Cache-Control"]
    assert len(drawn) == 1

    fact.claim = "Demo: 8 million treatments are waiting to start."
    fact.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert len(drawn) == 2


def test_long_and_non_ascii_text_still_makes_a_card():
    png = share_card.draw_card(
        figure="£1,234,567,890,123 and more",
        claim="Demo: Ysgolion ŵ ŷ " + "a very long claim " * 60,
        source="Source: " + "A Publisher With A Very Long Name " * 5,
        as_of="30 September 2025",
    )
    assert Image.open(io.BytesIO(png)).size == (1200, 630)


# --- counting shares -----------------------------------------------------------------


def test_copying_a_post_counts_a_share_for_its_network(member_user, fact):
    client = hub(member_user)
    assert share(client, fact, "x").json() == {"counted": True}
    assert share(client, fact, "x").json() == {"counted": False}  # the same copy, again
    assert share(client, fact, "bluesky").json() == {"counted": True}
    assert Counter(ShareEvent.objects.values_list("network", flat=True)) == {"x": 1, "bluesky": 1}


def test_bad_share_requests_count_nothing(member_user, fact):
    client = hub(member_user)
    assert share(client, fact, "myspace").status_code == 400
    assert client.get(f"{fact.get_absolute_url()}share/").status_code == 405
    assert not ShareEvent.objects.exists()


def test_the_share_endpoint_needs_the_csrf_token_the_page_gives_the_script(member_user, fact):
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    client.force_login(member_user)
    assert share(client, fact).status_code == 403
    page = client.get(fact.get_absolute_url()).content.decode()
    token = re.search(r'data-csrf-token="([^"]+)"', page).group(1)
    response = client.post(
        f"{fact.get_absolute_url()}share/", {"network": "whatsapp"}, HTTP_X_CSRFTOKEN=token
    )
    assert response.json() == {"counted": True}


def test_downloading_the_card_counts_as_a_share(member_user, fact):
    response = hub(member_user).get(f"{fact.get_absolute_url()}card.png?download=1")
    assert response["Content-Disposition"] == 'attachment; filename="hospital-waiting-list.png"'
    assert response["Cache-Control"] == "private, no-store"
    assert list(ShareEvent.objects.values_list("network", flat=True)) == ["card"]
    hub(member_user).get(f"{fact.get_absolute_url()}card.png")  # viewing it is not sharing
    assert ShareEvent.objects.count() == 1


def test_staff_copies_are_not_counted(staff_user, fact):
    assert share(hub(staff_user), fact).json() == {"counted": False}
    assert not ShareEvent.objects.exists()


def test_the_most_shared_report_orders_facts_by_shares_in_the_period(staff_user):
    steady = add_fact("Steady fact")
    recent = add_fact("Recent hit")
    add_fact("Never shared")
    long_ago = timezone.now() - dt.timedelta(days=60)
    ShareEvent.objects.bulk_create(
        [ShareEvent(fact=steady, network="x", at=long_ago) for _ in range(5)]
        + [ShareEvent(fact=steady, network="x")]
        + [ShareEvent(fact=recent, network=network) for network in ("x", "bluesky", "card")]
    )
    client = hub(staff_user)
    month = client.get("/admin/knowledge-bank/most-shared/").content.decode()
    assert month.index("Recent hit") < month.index("Steady fact")
    assert "Never shared" not in month
    ever = client.get("/admin/knowledge-bank/most-shared/?period=all").content.decode()
    assert ever.index("Steady fact") < ever.index("Recent hit")
    assert [fact.shares for fact in Fact.objects.with_share_counts()] == [6, 3]
    counted = Fact.objects.with_share_counts(timezone.now() - dt.timedelta(days=30)).get(
        pk=recent.pk
    )
    assert (counted.shares_x, counted.shares_bluesky, counted.shares_card) == (1, 1, 1)


# --- staff edit facts in the hub's admin ---------------------------------------------


def _source_form(index, title, publisher, url, source_id=""):
    return {
        f"sources-{index}-id": source_id,
        f"sources-{index}-ORDER": str(index + 1),
        f"sources-{index}-DELETE": "",
        f"sources-{index}-title": title,
        f"sources-{index}-publisher": publisher,
        f"sources-{index}-url": url,
        f"sources-{index}-accessed_on": "2025-05-01",
    }


def _fact_form(sources, initial=0, **fields):
    data = {
        "title": "Nursing vacancies",
        "slug": "",
        "figure": "40,000",
        "figure_date": "2025-03-31",
        "claim": "Demo: 40,000 nursing posts stood empty.",
        "notes": "",
        "review_by": (today() + dt.timedelta(days=180)).isoformat(),
        "sources-TOTAL_FORMS": str(len(sources)),
        "sources-INITIAL_FORMS": str(initial),
        "sources-MIN_NUM_FORMS": "1",
        "sources-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for index, source in enumerate(sources):
        data.update(_source_form(index, *source))
    return data


TWO_SOURCES = [
    ("Vacancy statistics", "Example Health Office (demo)", "https://example.org/demo/v"),
    ("Workforce briefing", "Example Research Library (demo)", "https://example.org/demo/w"),
]


def test_staff_create_a_fact_with_two_sources_in_the_admin(staff_user, nhs):
    client = hub(staff_user)
    assert client.get(ADD_URL).status_code == 200
    response = client.post(ADD_URL, _fact_form(TWO_SOURCES, topics=[nhs.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Fact.objects.get(slug="nursing-vacancies")
    assert [s.publisher for s in created.sources.all()] == [
        "Example Health Office (demo)",
        "Example Research Library (demo)",
    ]
    assert list(created.topics.all()) == [nhs]
    assert list(search_facts("workforce")) == [created]  # its sources are searchable at once


def test_staff_edit_a_fact_and_its_sources_in_the_admin(staff_user, fact):
    client = hub(staff_user)
    url = f"/admin/snippets/knowledge/fact/edit/{fact.pk}/"
    assert client.get(url).status_code == 200
    kept = fact.sources.get()
    data = _fact_form(
        [(kept.title, "Example Health Office, renamed (demo)", kept.url, str(kept.pk))]
        + TWO_SOURCES[1:],
        initial=1,
        title=fact.title,
        slug=fact.slug,
        figure="8 million",
        claim="Demo: 8 million treatments are waiting to start.",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    fact.refresh_from_db()
    assert fact.figure == "8 million"
    assert fact.slug == "hospital-waiting-list"
    assert [s.publisher for s in fact.sources.all()] == [
        "Example Health Office, renamed (demo)",
        "Example Research Library (demo)",
    ]


def test_a_fact_without_a_source_is_refused_with_a_clear_error(staff_user):
    response = hub(staff_user).post(ADD_URL, _fact_form([]))
    assert response.status_code == 200
    assert "Add at least one source." in response.content.decode()
    assert not Fact.objects.exists()


def test_deleting_the_only_source_is_refused(staff_user, fact):
    kept = fact.sources.get()
    data = _fact_form(
        [(kept.title, kept.publisher, kept.url, str(kept.pk))], initial=1, slug=fact.slug
    )
    data["sources-0-DELETE"] = "1"
    response = hub(staff_user).post(f"/admin/snippets/knowledge/fact/edit/{fact.pk}/", data)
    assert "Add at least one source." in response.content.decode()
    assert fact.sources.count() == 1


def test_a_source_too_long_to_post_is_refused_in_the_admin(staff_user):
    long_url = "https://example.org/" + "very-long-path/" * 12
    publisher = "Example Office for Very Thorough Health Statistics (demo)"
    assert len(f"Source: {publisher}, {long_url}") > 240
    data = _fact_form([("Report", publisher, long_url)])
    response = hub(staff_user).post(ADD_URL, data)
    assert response.status_code == 200
    assert "too long to fit in a post" in response.content.decode()
    assert not Fact.objects.exists()


def test_the_knowledge_bank_menu_and_reports_are_for_the_hub(staff_user, clp_a, fact):
    hub_admin = hub(staff_user).get("/admin/").content.decode()
    assert "knowledge-bank" in hub_admin
    on_a_site = client_for(clp_a, staff_user)
    assert on_a_site.get("/admin/knowledge-bank/most-shared/").status_code == 404
    assert on_a_site.get("/admin/knowledge-bank/needs-rechecking/").status_code == 404
    assert on_a_site.get("/admin/snippets/knowledge/fact/").status_code == 404
    assert on_a_site.get("/admin/snippets/choose/knowledge/fact/").status_code == 404
    assert "knowledge-bank" not in on_a_site.get("/admin/").content.decode()


# --- what's new, demo data, scale ----------------------------------------------------


def test_new_facts_appear_in_whats_new_newest_first(fact):
    later = add_fact("Later fact")
    add_fact("Hidden fact", review_by=today() - dt.timedelta(days=3))
    Fact.objects.filter(pk=later.pk).update(created_at=timezone.now() + dt.timedelta(minutes=1))
    items = new_since(None)
    assert [item.title for item in items] == ["Later fact", "Hospital waiting list"]
    assert items[0].kind == "Fact"
    assert items[0].url == later.get_absolute_url()
    assert items[1].summary == "Demo: 7.5 million treatments are waiting to start."
    assert [item.title for item in new_since(fact.created_at)] == ["Later fact"]
    assert len(new_since(None, limit=1)) == 1


def test_demo_facts_are_made_once_and_plainly_marked_as_demo(db):
    made = fill_demo_facts()
    assert made >= 30
    assert fill_demo_facts() == 0
    facts = Fact.objects.prefetch_related("sources", "topics")
    assert facts.count() == made
    assert Topic.objects.count() >= 6
    assert Fact.objects.due_for_review().exists()
    for demo in facts:
        assert demo.claim.startswith("Demo:")
        assert demo.sources.all()
        for source in demo.sources.all():
            assert source.url.startswith("https://example.org/")
            assert source.publisher.endswith("(demo)")
        for post in demo.share_posts():
            assert post.length <= post.limit


def test_benchmark_facts_are_made_in_bulk_and_searchable(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):  # however many facts
        facts = make_benchmark_facts(120)
    assert len(facts) == 120
    assert Fact.objects.filter(search_vector__isnull=True).count() == 0
    assert search_facts("benchmark").count() == 120
    assert make_benchmark_facts(2)[0].slug == "benchmark-120"


def _fill(count):
    topic, _ = Topic.objects.get_or_create(name="Filler")
    for number in range(count):
        add_fact(f"Filler {Fact.objects.count()} {number}", topics=[topic])


@pytest.mark.parametrize("path", ["/membersnet/facts/", "/membersnet/facts/?q=treatments"])
def test_list_query_counts_do_not_grow_with_the_facts(
    member_user, django_assert_max_num_queries, path
):
    _fill(2)
    client = hub(member_user)
    client.get(path)  # the host's constituency is then looked up from the cache
    with django_assert_max_num_queries(10) as few:
        assert client.get(path).status_code == 200
    _fill(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(path).status_code == 200


def test_fact_page_query_count_does_not_grow_with_sources_or_topics(
    member_user, nhs, django_assert_max_num_queries
):
    plain = add_fact("Plain")
    extra = [
        Source(title=f"R{n}", publisher="P (demo)", url="https://example.org/", accessed_on=today())
        for n in range(5)
    ]
    topics = [nhs, *(Topic.objects.create(name=f"Topic {n}") for n in range(5))]
    rich = add_fact("Rich", topics=topics, extra_sources=extra)
    client = hub(member_user)
    client.get(plain.get_absolute_url())  # the host's constituency is then cached
    with django_assert_max_num_queries(9) as few:
        assert client.get(plain.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(rich.get_absolute_url()).status_code == 200
