"""Rules other pages link to and quote by what they are, not by their number, which
changes from one edition to the next and differs in the party's real text: the
register of official accounts, the training and the public pages point at the rule on
who owns online presence wherever the current edition has it (`Clause.key`).

The link is /membersnet/rulebook/rule/<key>/, which never breaks: without a marked
clause in the current edition (a rulebook staff loaded and have not marked yet) it
goes to a search of the rulebook for the rule's words, and pages that quote the rule
leave the quotation out."""

from dataclasses import dataclass
from urllib.parse import urlencode

from .models import Clause, hub_url

# What the rulebook is searched for when the current edition has no clause marked.
FALLBACK_SEARCHES = {Clause.Key.ONLINE_PRESENCE: "online presence"}


@dataclass(frozen=True)
class LinkedRule:
    key: str
    clause: Clause | None

    @property
    def label(self) -> str:
        return Clause.Key(self.key).label

    @property
    def path(self) -> str:
        """The Membersnet path that always leads to the rule (or a search for it)."""
        return hub_url("rule", key=self.key)


def linked_rule(key: str) -> LinkedRule:
    """The rule marked `key` in the current edition; its `clause` is None if there is none."""
    return LinkedRule(key=key, clause=Clause.objects.known_as(key))


def fallback_search_path(key: str) -> str:
    return f"{hub_url('search')}?{urlencode({'q': FALLBACK_SEARCHES[key]})}"
