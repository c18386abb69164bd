"""Ready-made posts that share a fact on social networks: the figure and the claim
first, then the source. Pure functions of text, so they are tested at the boundaries
without a database. How each network counts a post is labourhub.social_posts.

The claim is shortened, at a word where it can be, with an ellipsis; the figure and the
source never are. `Source.clean` keeps every source line short enough for that to hold.
"""

import re

from labourhub import social_posts
from labourhub.social_posts import ELLIPSIS, TRIM_BEFORE_ELLIPSIS, Network, Post, tidy

# The longest source line (publisher and URL) a fact may have: with a figure of
# FIGURE_MAX characters it still leaves a post within Bluesky's 300.
SOURCE_LINE_MAX = 240
FIGURE_MAX = 30

_CUT_AT = re.compile(r"\s+")

# Mastodon, Facebook and WhatsApp (the roomy ones) have room to say when the figure is from.
NETWORKS = social_posts.SOCIAL_NETWORKS
NETWORKS_BY_KEY = {network.key: network for network in NETWORKS}


class SourceTooLong(ValueError):
    """Even the figure and the source alone would not fit the network's limit."""


def source_line(publisher: str, url: str) -> str:
    return f"Source: {tidy(publisher)}, {url.strip()}"


def source_line_fits(publisher: str, url: str) -> bool:
    return social_posts.plain_length(source_line(publisher, url)) <= SOURCE_LINE_MAX


def _mentions(text: str, figure: str) -> bool:
    return figure.casefold() in text.casefold()


def lead(figure: str, claim: str) -> str:
    """The claim, led by the figure unless the claim already says it."""
    if not figure or _mentions(claim, figure):
        return claim
    return f"{figure}: {claim}" if claim else figure


def _cuts(claim: str, longest: int):
    """Shorter versions of the claim, longest first: at word breaks, then (for a claim
    with no break short enough) at any character."""
    breaks = [m.start() for m in _CUT_AT.finditer(claim) if m.start() <= longest]
    for end in reversed(breaks):
        yield claim[:end]
    first_break = breaks[0] if breaks else len(claim)
    for end in range(min(longest, first_break), -1, -1):
        yield claim[:end]


def compose(
    network: Network, *, figure: str, claim: str, publisher: str, url: str, as_of: str = ""
) -> str:
    """A post for `network` within its limit: the figure and claim, then the source.

    The claim is cut at a word, with an ellipsis, if the whole does not fit; the figure
    stays (put in front if the cut removed it) and the source line is never shortened.
    Raises SourceTooLong if even the figure and the source exceed the limit."""
    figure, claim = tidy(figure), tidy(claim)
    tail = source_line(publisher, url)
    if network.roomy and as_of:
        tail = f"Figure as of {tidy(as_of)}. {tail}"

    def post(opening: str) -> str:
        return f"{opening}\n\n{tail}" if opening else tail

    def fits(text: str) -> bool:
        return network.measure(text) <= network.limit

    whole = post(lead(figure, claim))
    if fits(whole):
        return whole
    # A prefix can count as less than its code points only through the links in it.
    links = sum(len(match.group()) for match in social_posts.ANY_LINK.finditer(claim))
    longest = min(len(claim), network.limit + links)
    for cut in _cuts(claim, longest):
        cut = cut.rstrip(TRIM_BEFORE_ELLIPSIS)
        shortened = f"{cut}{ELLIPSIS}" if cut else ""
        opening = shortened if _mentions(shortened, figure) else lead(figure, shortened)
        text = post(opening.strip())
        if fits(text):
            return text
    raise SourceTooLong(f"The source line alone is too long for {network.name}.")


def posts(*, figure: str, claim: str, publisher: str, url: str, as_of: str = "") -> list[Post]:
    """A post for every network, each within its limit."""
    made = []
    for network in NETWORKS:
        text = compose(
            network, figure=figure, claim=claim, publisher=publisher, url=url, as_of=as_of
        )
        made.append(Post(network=network, text=text, length=network.measure(text)))
    return made
