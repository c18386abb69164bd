"""Searching the published courses and their lessons, for Membersnet's search across
every area (membersnet.members.search). PostgreSQL full-text search in English; the
vectors are computed at query time, as there are tens of courses, not thousands."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F, Value

from .models import Course, Lesson

SEARCH_CONFIG = "english"


def _vector(*weighted_fields):
    vector = None
    for field, weight in weighted_fields:
        part = SearchVector(field, weight=weight, config=SEARCH_CONFIG)
        vector = part if vector is None else vector + part
    return vector


def _ranked(queryset, vector, text: str, limit: int):
    """Rows matching `text` (read as a web search), with `rank` normalised by the
    document's length as the rulebook's search does, best first. The document is an
    alias, not a selected column: PostgreSQL then builds it once per row to filter, and
    again only for the rows that match, to rank them."""
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    return (
        queryset.alias(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(F("document"), query, normalization=Value(1)))
        .order_by("-rank", "pk")[:limit]
    )


def search_courses(text: str, limit: int = 20):
    """Published courses matching `text`, most relevant first."""
    return _ranked(
        Course.objects.published(), _vector(("title", "A"), ("summary", "B")), text, limit
    )


def search_lessons(text: str, limit: int = 20):
    """Lessons of published courses matching `text`, most relevant first. A lesson's
    text is HTML: PostgreSQL's parser skips the tags."""
    return _ranked(
        Lesson.objects.filter(course__is_published=True).select_related("course"),
        _vector(("title", "A"), ("text", "B"), ("video_description", "C")),
        text,
        limit,
    )
