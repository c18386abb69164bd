"""Searching the facts: PostgreSQL full-text search, in English, over the search vector
each fact stores (see `fact_search_vector`), best match first."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Value

from .models import SEARCH_CONFIG, Fact

MAX_QUERY_LENGTH = 200


def search_facts(text: str, *, normalization: int = 0):
    """Facts that match `text`, most relevant first (those due for review included:
    members see them marked). `normalization` is PostgreSQL's ts_rank option: 1
    divides by the log of the length, as the rest of Membersnet's search does.

    The text is read as a web search ("quoted phrases", or, -excluded), which never
    fails to parse whatever a member types; words PostgreSQL ignores ("the", "of") on
    their own match nothing."""
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    return (
        Fact.objects.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query, normalization=Value(normalization)))
        .order_by("-rank", "-created_at", "-pk")
    )
