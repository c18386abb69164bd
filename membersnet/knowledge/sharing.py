"""Counting shares, so staff see which facts travel."""

from django.core.cache import cache

from .models import Fact, ShareEvent

# A member who copies the same post again within this many seconds (to paste it
# somewhere else, or after a false start) has shared it once.
COUNT_ONCE_PER = 60 * 60


def record_share(fact: Fact, network: str, *, sharer) -> bool:
    """Count that `sharer` (a member record) copied the post for `network`, or
    downloaded the card (network "card"). Returns whether it counted.

    Staff looking at a fact without a member record are not counted. Who shared is
    remembered only for COUNT_ONCE_PER, in the cache, never in the database."""
    if network not in ShareEvent.Network.values:
        raise ValueError(f"Unknown network: {network!r}")
    if sharer is None:
        return False
    if not cache.add(f"knowledge-share:{sharer.pk}:{fact.pk}:{network}", 1, COUNT_ONCE_PER):
        return False
    ShareEvent.objects.create(fact=fact, network=network)
    return True
