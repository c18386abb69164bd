"""Searching the published courses and their lessons, for Membersnet's search across
every area (membersnet.members.search). PostgreSQL full-text search in English: lessons
(hundreds, with their transcripts) carry a stored, GIN-indexed vector; courses (tens) are
read at query time."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F, Value

from .models import SEARCH_CONFIG, Course, Lesson


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
    """Lessons of published courses matching `text` in their title, text, video
    description or transcript, most relevant first. A lesson's text is HTML:
    PostgreSQL's parser skips the tags."""
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    return (
        Lesson.objects.filter(course__is_published=True, search_vector=query)
        .select_related("course")
        .annotate(rank=SearchRank(F("search_vector"), query, normalization=Value(1)))
        .order_by("-rank", "pk")[:limit]
    )
