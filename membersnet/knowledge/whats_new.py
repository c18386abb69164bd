"""New facts for the Membersnet dashboard and the weekly digest."""

import datetime as dt

from django.utils.text import Truncator

from membersnet.whats_new_item import WhatsNewItem

from . import share_text
from .models import Fact


def new_since(since: dt.datetime | None, limit: int = 5) -> list[WhatsNewItem]:
    """Facts added since `since` (None: ever) that members may share, newest first: one
    already due for review is not news."""
    facts = Fact.objects.current()
    if since is not None:
        facts = facts.filter(created_at__gt=since)
    return [
        WhatsNewItem(
            kind="Fact",
            title=fact.title,
            url=fact.get_absolute_url(),
            at=fact.created_at,
            summary=Truncator(share_text.lead(fact.figure, fact.claim)).chars(160),
        )
        for fact in facts.order_by("-created_at", "-pk")[:limit]
    ]
