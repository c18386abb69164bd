"""Ready-made posts that share a fact on social networks: the figure and the claim
first, then the source. Pure functions of text, so they are tested at the boundaries
without a database.

Each network counts a post differently. We count conservatively, never fewer than the
network does, so a post we call within its limit is within it:

- X weighs characters outside Latin, general punctuation and similar ranges as two
  (twitter-text v3), counts a link as 23, and links bare domains ("gov.uk") too;
- Mastodon counts a link that starts with http(s):// as 23;
- Bluesky counts graphemes, links in full: we count code points, which are never fewer;
- Facebook and WhatsApp allow tens of thousands of characters: we keep to a length
  people will still read.

The claim is shortened, at a word where it can be, with an ellipsis; the figure and the
source never are. `Source.clean` keeps every source line short enough for that to hold.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

ELLIPSIS = "…"
LINK_LENGTH = 23
# The longest source line (publisher and URL) a fact may have: with a figure of
# FIGURE_MAX characters it still leaves a post within Bluesky's 300.
SOURCE_LINE_MAX = 240
FIGURE_MAX = 30

_SCHEME_LINK = re.compile(r"https?://\S+", re.IGNORECASE)
_ANY_LINK = re.compile(
    r"https?://\S+|(?<![\w@.-])(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?(?![\w-])", re.IGNORECASE
)
# Networks leave punctuation that ends a sentence out of the link it follows.
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"…’”"
# Characters X counts once (twitter-text v3 config); everything else counts twice.
_X_SINGLE_WEIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_CUT_AT = re.compile(r"\s+")
_TRIM_BEFORE_ELLIPSIS = " \t\n,;:.-–—(/\"'“‘"


def _x_weight(text: str) -> int:
    return sum(
        1 if any(low <= ord(char) <= high for low, high in _X_SINGLE_WEIGHT) else 2 for char in text
    )


def _count_links(text: str, pattern, weigh: Callable[[str], int], bare_domains: bool) -> int:
    total, position = 0, 0
    for match in pattern.finditer(text):
        total += weigh(text[position : match.start()])
        token = match.group()
        link = token.rstrip(_TRAILING_PUNCTUATION)
        if _SCHEME_LINK.match(link):
            total += LINK_LENGTH
        elif bare_domains:
            # A dotted word X does not link counts in full; one it does counts 23.
            total += max(LINK_LENGTH, weigh(link))
        else:
            total += weigh(link)
        total += weigh(token[len(link) :])
        position = match.end()
    return total + weigh(text[position:])


def x_length(text: str) -> int:
    """The length of a post as X counts it, or a little more."""
    return _count_links(_normalise(text), _ANY_LINK, _x_weight, bare_domains=True)


def mastodon_length(text: str) -> int:
    """The length of a post as Mastodon counts it, or a little more."""
    return _count_links(_normalise(text), _SCHEME_LINK, len, bare_domains=False)


def plain_length(text: str) -> int:
    """Code points: never fewer than the graphemes Bluesky counts."""
    return len(_normalise(text))


@dataclass(frozen=True)
class Network:
    key: str
    name: str
    limit: int
    measure: Callable[[str], int]
    # Whether there is room to say when the figure is from.
    dated: bool = False


NETWORKS = (
    Network("x", "X", 280, x_length),
    Network("bluesky", "Bluesky", 300, plain_length),
    Network("mastodon", "Mastodon", 500, mastodon_length, dated=True),
    Network("facebook", "Facebook", 1000, plain_length, dated=True),
    Network("whatsapp", "WhatsApp", 700, plain_length, dated=True),
)
NETWORKS_BY_KEY = {network.key: network for network in NETWORKS}


@dataclass(frozen=True)
class Post:
    network: Network
    text: str
    length: int

    @property
    def limit(self) -> int:
        return self.network.limit


class SourceTooLong(ValueError):
    """Even the figure and the source alone would not fit the network's limit."""


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _tidy(text: str) -> str:
    return " ".join(_normalise(text).split())


def source_line(publisher: str, url: str) -> str:
    return f"Source: {_tidy(publisher)}, {url.strip()}"


def source_line_fits(publisher: str, url: str) -> bool:
    return plain_length(source_line(publisher, url)) <= SOURCE_LINE_MAX


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
    figure, claim = _tidy(figure), _tidy(claim)
    tail = source_line(publisher, url)
    if network.dated and as_of:
        tail = f"Figure as of {_tidy(as_of)}. {tail}"

    def post(opening: str) -> str:
        return f"{opening}\n\n{tail}" if opening else tail

    def fits(text: str) -> bool:
        return network.measure(text) <= network.limit

    whole = post(lead(figure, claim))
    if fits(whole):
        return whole
    # A prefix can count as less than its code points only through the links in it.
    links = sum(len(match.group()) for match in _ANY_LINK.finditer(claim))
    longest = min(len(claim), network.limit + links)
    for cut in _cuts(claim, longest):
        cut = cut.rstrip(_TRIM_BEFORE_ELLIPSIS)
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
