"""How social networks count a post, and the post itself: shared by every ready-made
post the platform writes (a fact from the knowledge bank, a key event's publicity kit).

Each network counts a post differently. We count conservatively, never fewer than the
network does, so a post we call within its limit is within it:

- X weighs characters outside Latin, general punctuation and similar ranges as two
  (twitter-text v3), counts a link as 23, and links bare domains ("gov.uk") too;
- Mastodon counts a link that starts with http(s):// as 23;
- Bluesky counts graphemes, links in full: we count code points, which are never fewer;
- Facebook, WhatsApp and email allow far more than anyone reads: we keep to a length
  people will still read.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

ELLIPSIS = "…"
LINK_LENGTH = 23
# What a shortened text loses before its ellipsis: "Vote on Thursday,…" reads badly.
TRIM_BEFORE_ELLIPSIS = " \t\n,;:.-–—(/\"'“‘"

SCHEME_LINK = re.compile(r"https?://\S+", re.IGNORECASE)
ANY_LINK = re.compile(
    r"https?://\S+|(?<![\w@.-])(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?(?![\w-])", re.IGNORECASE
)
# Networks leave punctuation that ends a sentence out of the link it follows.
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"…’”"
# Characters X counts once (twitter-text v3 config); everything else counts twice.
_X_SINGLE_WEIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def tidy(text: str) -> str:
    """One line, single-spaced, in the form the networks count."""
    return " ".join(normalise(text or "").split())


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
        if SCHEME_LINK.match(link):
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
    return _count_links(normalise(text), ANY_LINK, _x_weight, bare_domains=True)


def mastodon_length(text: str) -> int:
    """The length of a post as Mastodon counts it, or a little more."""
    return _count_links(normalise(text), SCHEME_LINK, len, bare_domains=False)


def plain_length(text: str) -> int:
    """Code points: never fewer than the graphemes Bluesky counts."""
    return len(normalise(text))


@dataclass(frozen=True)
class Network:
    key: str
    name: str
    limit: int
    measure: Callable[[str], int]
    # How the limit is counted, for the people pasting the post.
    counting: str = ""
    # Room for more than the essentials (a date, a street address, labels).
    roomy: bool = False


LINK_AS_23 = "{} counts the link as 23 characters."
READABLE = "A length people will still read."
X = Network("x", "X", 280, x_length, LINK_AS_23.format("X"))
BLUESKY = Network("bluesky", "Bluesky", 300, plain_length, "Bluesky counts the link in full.")
MASTODON = Network(
    "mastodon", "Mastodon", 500, mastodon_length, LINK_AS_23.format("Mastodon"), roomy=True
)
FACEBOOK = Network("facebook", "Facebook", 1000, plain_length, READABLE, roomy=True)
WHATSAPP = Network("whatsapp", "WhatsApp", 700, plain_length, READABLE, roomy=True)
EMAIL = Network("email", "Email", 2000, plain_length, READABLE, roomy=True)
# The social networks, in the order posts are offered.
SOCIAL_NETWORKS = (X, BLUESKY, MASTODON, FACEBOOK, WHATSAPP)


@dataclass(frozen=True)
class Post:
    network: Network
    text: str
    length: int
    subject: str = ""

    @property
    def limit(self) -> int:
        return self.network.limit
