"""Searching the rulebook (the current edition), the procedures and the standing orders
a person may read, with PostgreSQL full-text search over the stored search vectors.

Results are ranked by SearchRank, except that a result containing the query exactly
(the words as typed, in that order) comes before any that merely contains the words.
Snippets come from SearchHeadline with private sentinel characters around the matches;
`Result.snippet_html` escapes everything and only then turns the sentinels into <mark>.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Case, F, FloatField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from membersnet.members.access import active_member

from .models import SEARCH_CONFIG, Clause, Edition, Procedure, StandingOrders, parse_clause_ref

MAX_QUERY_LENGTH = 200
RESULTS_PER_SOURCE = 20
# Private-use characters: they never occur in the party's text, and they survive
# escaping untouched, so the marks can be put back after it.
_START, _STOP = "\ue000", "\ue001"
_HEADLINE_OPTIONS = {
    "start_sel": _START,
    "stop_sel": _STOP,
    "max_words": 35,
    "min_words": 15,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}
# Ahead of any SearchRank (at most 1).
_EXACT_BOOST = 100.0
_CLAUSE_QUERY = re.compile(r"^\s*(?:clause\s+)?(\d{1,3}\.\d{1,3}\.\d{1,3})\s*\.?\s*$", re.I)


@dataclass(frozen=True)
class Result:
    kind: str  # "Rulebook", "Procedure" or "Standing orders"
    title: str
    url: str
    score: float
    headline: str  # plain text, with the sentinels around matched words

    @property
    def snippet_html(self) -> SafeString:
        text = escape(self.headline.replace("\x00", ""))
        return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def clause_ref_in(query: str) -> str | None:
    """ "3.2.1" for a query that is a clause number ("3.2.1", "clause 3.2.1"), else None."""
    match = _CLAUSE_QUERY.match(query or "")
    return match.group(1) if match and parse_clause_ref(match.group(1)) else None


def search(
    query: str, user, *, edition: Edition | None = None, limit: int = RESULTS_PER_SOURCE
) -> list[Result]:
    """Everything `user` may read that matches `query`, best first, at most `limit` of
    each kind of document. `edition` defaults to the current one. Standing orders are
    limited to those `user` may read: their own CLP's (members and officers) or every
    CLP's (central staff)."""
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    if not query:
        return []
    words = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    # The words as typed, without the quotes someone may put round a phrase.
    phrase = query.replace('"', "").strip()
    edition = edition or Edition.objects.current()
    results = []
    if edition is not None:
        results += _clauses(edition, words, Q(text__icontains=phrase), limit)
    results += _procedures(words, Q(title__icontains=phrase) | Q(body__icontains=phrase), limit)
    results += _standing_orders(words, Q(text__icontains=phrase), user, limit)
    return sorted(results, key=lambda result: result.score, reverse=True)


def _ranked(queryset, words, exact, headline_field, limit):
    """Matching rows with `score` (rank, plus the boost for an exact match) and
    `headline`, best first. PostgreSQL computes headlines after the LIMIT, so only
    for the rows shown."""
    return (
        queryset.filter(search_vector=words)
        .annotate(
            # Normalised by the log of the length: a short clause that matches beats a
            # long document that mentions the words in passing, and clauses full of
            # matches do not all tie at the top of the scale.
            rank=SearchRank(F("search_vector"), words, normalization=Value(1)),
            exact=Case(
                When(exact, then=Value(_EXACT_BOOST)),
                default=Value(0.0),
                output_field=FloatField(),
            ),
        )
        .annotate(
            score=F("rank") + F("exact"),
            headline=SearchHeadline(
                headline_field, words, config=SEARCH_CONFIG, **_HEADLINE_OPTIONS
            ),
        )
        .order_by("-score", "pk")[:limit]
    )


def _clauses(edition, words, exact, limit):
    clauses = _ranked(
        Clause.objects.in_edition(edition).select_related("section__chapter__edition"),
        words,
        exact,
        "text",
        limit,
    )
    return [
        Result(
            kind="Rulebook",
            title=f"Clause {clause.ref}: {clause.section.title}",
            url=clause.get_absolute_url(),
            score=clause.score,
            headline=clause.headline,
        )
        for clause in clauses
    ]


def _procedures(words, exact, limit):
    return [
        Result(
            kind=procedure.get_kind_display(),
            title=procedure.title,
            url=procedure.get_absolute_url(),
            score=procedure.score,
            headline=procedure.headline,
        )
        for procedure in _ranked(Procedure.objects.all(), words, exact, "body", limit)
    ]


def _standing_orders(words, exact, user, limit):
    """Only what `user` may read (see `access.can_read_standing_orders`): every CLP's
    for central staff, their own CLP's for a member."""
    queryset = StandingOrders.objects.select_related("constituency")
    if not user.is_central_staff:
        member = active_member(user)
        if member is None:
            return []
        queryset = queryset.filter(constituency_id=member.constituency_id)
    return [
        Result(
            kind="Standing orders",
            title=f"{orders.constituency.name}: {orders.title}",
            url=orders.get_absolute_url(),
            score=orders.score,
            headline=orders.headline,
        )
        for orders in _ranked(queryset, words, exact, "text", limit)
    ]
