"""What is new on Membersnet since a moment: for a member's dashboard ("since your last
visit") and the weekly digest. Each area (training, rulebook, knowledge bank) offers its
own `new_since(since, limit)`; this gathers them."""

import datetime as dt

from membersnet.knowledge import whats_new as knowledge
from membersnet.rulebook import whats_new as rulebook
from membersnet.training import whats_new as training
from membersnet.whats_new_item import WhatsNewItem

PROVIDERS = (training, rulebook, knowledge)


def whats_new(since: dt.datetime | None, limit: int = 5) -> list[WhatsNewItem]:
    """The newest items from every area, newest first. `since=None` means everything."""
    items = [item for provider in PROVIDERS for item in provider.new_since(since, limit)]
    return sorted(items, key=lambda item: item.at, reverse=True)
