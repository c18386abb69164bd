"""Ready-made posts that publicise a key event on each network: its title, when it is
(UK time), where, and its short link. Pure functions of text, so they are tested at the
boundaries without a database.

Lengths are counted as labourhub.social_posts counts them: never fewer than the network
does, so a post we call within its limit is within it.

When a post is too long, what matters least goes first: the summary, then the street
address (the venue and postcode stay), then the title down to TITLE_FLOOR characters,
then the place, then the rest of the title. The day, the time and the link never go.
"""

import re
from dataclasses import dataclass

from labourhub import social_posts
from labourhub.social_posts import ELLIPSIS, TRIM_BEFORE_ELLIPSIS, Network, Post, tidy

# A title cut shorter than this stops saying what the event is: the place goes first.
TITLE_FLOOR = 60
SUBJECT_TITLE_MAX = 120

_BREAK = re.compile(r"\s+")

# The roomy ones have room for the street address, the summary and labels ("When:").
NETWORKS = (*social_posts.SOCIAL_NETWORKS, social_posts.EMAIL)
NETWORKS_BY_KEY = {network.key: network for network in NETWORKS}


@dataclass(frozen=True)
class EventFacts:
    """What every post says about the event."""

    title: str
    when: str
    url: str
    venue: str = ""
    address: str = ""
    postcode: str = ""
    summary: str = ""

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.venue, self.postcode) if part)

    @property
    def full_place(self) -> str:
        lines = [line.strip(" ,") for line in self.address.splitlines()]
        parts = [self.venue, *lines, self.postcode]
        return ", ".join(part for part in parts if part)


def event_facts(event, url: str) -> EventFacts:
    """What the posts say about `event` (an EventPage), its short link being `url`."""
    return EventFacts(
        title=event.title,
        when=event.when,
        url=url,
        venue=event.venue,
        address=event.address,
        postcode=event.postcode,
        summary=event.summary,
    )


def _shortened(text: str, floor: int = 0):
    """Shorter versions of `text`, longest first, each ending in an ellipsis: cut at word
    breaks, then (where no break is short enough) at any character, never below `floor`
    characters. With no floor, the last is nothing at all."""
    breaks = [match.start() for match in _BREAK.finditer(text)]
    ends = list(reversed(breaks))
    first_break = breaks[0] if breaks else len(text)
    ends += range(min(first_break, len(text)) - 1, 0, -1)
    for end in ends:
        cut = text[:end].rstrip(TRIM_BEFORE_ELLIPSIS)
        if len(cut) < max(floor, 1):
            continue
        yield f"{cut}{ELLIPSIS}"
    if not floor:
        yield ""


def _render(network: Network, facts: EventFacts, title: str, place: str, summary: str) -> str:
    if network.roomy:
        details = [f"When: {facts.when}"] + ([f"Where: {place}"] if place else [])
        link = f"Find out more: {facts.url}"
    else:
        details = [facts.when] + ([place] if place else [])
        link = facts.url
    blocks = [title, "\n".join(details), summary, link]
    return "\n\n".join(block for block in blocks if block)


def _candidates(title: str, place: str, short_place: str, summary: str):
    """(title, place, summary) to try, the most complete first."""
    for about in (summary, *_shortened(summary)):
        yield title, place, about
    titles = [title, *_shortened(title, TITLE_FLOOR)]
    for shorter in titles:
        yield shorter, short_place, ""
    for where in _shortened(short_place):
        yield titles[-1], where, ""
    for shorter in _shortened(title):
        yield shorter, "", ""


def compose(network: Network, facts: EventFacts) -> str:
    """A post for `network` within its limit (the module's docstring says what is given
    up, in which order, when the whole does not fit)."""
    facts = EventFacts(
        title=tidy(facts.title),
        when=tidy(facts.when),
        url=facts.url.strip(),
        venue=tidy(facts.venue),
        address=facts.address or "",
        postcode=tidy(facts.postcode),
        summary=tidy(facts.summary),
    )
    place = facts.full_place if network.roomy else facts.place
    summary = facts.summary if network.roomy else ""
    for title, where, about in _candidates(facts.title, place, facts.place, summary):
        text = _render(network, facts, title, where, about)
        if network.measure(text) <= network.limit:
            return text
    # The day, the time and the link fit every network unless the site's domain is
    # absurdly long; then the link alone still says where to look.
    return facts.url


def email_subject(facts: EventFacts) -> str:
    title = tidy(facts.title)
    if len(title) > SUBJECT_TITLE_MAX:
        title = next(
            (cut for cut in _shortened(title, TITLE_FLOOR) if len(cut) <= SUBJECT_TITLE_MAX),
            title[:SUBJECT_TITLE_MAX],
        )
    return f"{title}: {tidy(facts.when)}"


def posts(facts: EventFacts) -> list[Post]:
    """A post for every network, each within its limit; the email's has a subject."""
    made = []
    for network in NETWORKS:
        text = compose(network, facts)
        subject = email_subject(facts) if network.key == "email" else ""
        made.append(Post(network=network, text=text, length=network.measure(text), subject=subject))
    return made
