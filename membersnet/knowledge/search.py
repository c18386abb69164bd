"""Searching the facts: PostgreSQL full-text search, in English, over the search vector
each fact stores (see `fact_search_vector`), best match first."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F

from .models import SEARCH_CONFIG, Fact

MAX_QUERY_LENGTH = 200


def search_facts(text: str):
    """Facts members may see that match `text`, most relevant first.

    The text is read as a web search ("quoted phrases", or, -excluded), which never
    fails to parse whatever a member types; words PostgreSQL ignores ("the", "of") on
    their own match nothing."""
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    return (
        Fact.objects.visible()
        .filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "-created_at", "-pk")
    )
