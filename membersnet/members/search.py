"""One search across Membersnet: courses and lessons, the rulebook's clauses, procedures
and standing orders, and the facts, ranked together.

Each area searches its own documents (training.search, rulebook.search,
knowledge.search); this module only merges them, so the areas stay independent of each
other. Every area ranks with PostgreSQL's ts_rank normalised by the document's length,
and, as the rulebook's search does, a document containing the words exactly as typed
comes before any that merely contains them."""

import html
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from membersnet.knowledge.search import search_facts
from membersnet.rulebook import search as rulebook_search
from membersnet.rulebook.models import Procedure
from membersnet.training.search import search_courses, search_lessons

MAX_QUERY_LENGTH = 200
# Per kind of document: a member reads the first page or two, never hundreds.
PER_AREA = 50
# The rulebook's boost for an exact match, given to the other areas' results alike.
EXACT_BOOST = 100.0
SNIPPET_WORDS = 35

_RULEBOOK_KINDS = {
    "Rulebook": "Rule",
    "Standing orders": "Standing order",
    Procedure.Kind.MODEL_PROCEDURE.label: "Procedure",
    Procedure.Kind.MODEL_STANDING_ORDERS.label: "Standing order",
    Procedure.Kind.GUIDANCE.label: "Guidance",
}


@dataclass(frozen=True)
class Result:
    kind: str  # "Course", "Lesson", "Rule", "Standing order", "Procedure", "Guidance", "Fact"
    title: str
    url: str
    score: float
    snippet: str | SafeString  # plain text, or the rulebook's HTML with <mark>ed words
    context: str = ""  # where it sits, e.g. the course of a lesson
    due_for_review: bool = False


def clean_query(query: str) -> str:
    return " ".join((query or "").split())[:MAX_QUERY_LENGTH]


def search_membersnet(query: str, user, *, per_area: int = PER_AREA) -> list[Result]:
    """Everything in Membersnet `user` may read that matches `query`, best first:
    published courses and their lessons, the current rulebook edition, procedures, the
    standing orders `user` may read, and the facts (those due for review marked)."""
    query = clean_query(query)
    if not query:
        return []
    phrase = query.replace('"', "").strip().casefold()
    results = [
        *_rulebook(query, user, per_area),
        *_facts(query, phrase, per_area),
        *_courses(query, phrase, per_area),
        *_lessons(query, phrase, per_area),
    ]
    return sorted(results, key=lambda result: (-result.score, result.kind, result.title))


def _score(rank: float, phrase: str, *texts: str) -> float:
    exact = any(phrase in text.casefold() for text in texts)
    return rank + (EXACT_BOOST if exact else 0.0)


def _plain(text: str) -> str:
    return Truncator(" ".join(html.unescape(strip_tags(text)).split())).words(SNIPPET_WORDS)


def _rulebook(query, user, limit):
    return [
        Result(
            kind=_RULEBOOK_KINDS.get(result.kind, result.kind),
            title=result.title,
            url=result.url,
            score=result.score,
            snippet=result.snippet_html,
        )
        for result in rulebook_search.search(query, user, limit=limit)
    ]


def _facts(query, phrase, limit):
    return [
        Result(
            kind="Fact",
            title=fact.title,
            url=fact.get_absolute_url(),
            score=_score(fact.rank, phrase, fact.title, fact.figure, fact.claim),
            snippet=_plain(f"{fact.figure}: {fact.claim}"),
            due_for_review=fact.is_due_for_review(),
        )
        for fact in search_facts(query, normalization=1)[:limit]
    ]


def _courses(query, phrase, limit):
    return [
        Result(
            kind="Course",
            title=course.title,
            url=course.get_absolute_url(),
            score=_score(course.rank, phrase, course.title, course.summary),
            snippet=_plain(course.summary),
        )
        for course in search_courses(query, limit)
    ]


def _lessons(query, phrase, limit):
    return [
        Result(
            kind="Lesson",
            title=lesson.title,
            url=lesson.get_absolute_url(),
            score=_score(lesson.rank, phrase, lesson.title, strip_tags(lesson.text)),
            snippet=_plain(lesson.text),
            context=f"Course: {lesson.course.title}",
        )
        for lesson in search_lessons(query, limit)
    ]
