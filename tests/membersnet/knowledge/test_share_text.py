"""Ready-made posts of a fact, within each network's limit (pure functions)."""

import pytest

from labourhub import social_posts
from membersnet.knowledge import share_text
from membersnet.knowledge.share_text import NETWORKS, NETWORKS_BY_KEY, SourceTooLong, compose

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
