"""Benchmark: Membersnet search latency with 10,000 knowledge-bank facts, the full
(demo) rulebook and 40 courses of 6 lessons, through the same functions the search
pages call: each area's own search, and the one search across all of them.

    make bench               (or: .venv/bin/python bench/search.py --facts 10000)

Runs in a scratch database (labourhub_bench_search) on the configured PostgreSQL
server, or the embedded one when DATABASE_URL is unset, and drops it afterwards.
Prints the median and 95th percentile per kind of query; the target is a p95 under
50 ms on the development machine.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labourhub.settings.dev")

from scratch_database import drop, start_django_on  # noqa: E402 - bench/

BENCH_DATABASE = "labourhub_bench_search"
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--facts", type=int, default=10_000)
parser.add_argument("--repeats", type=int, default=20)
ARGS = parser.parse_args()
SERVER = start_django_on(BENCH_DATABASE)

from django.core.management import call_command  # noqa: E402 - Django is set up above
from django.db import connection  # noqa: E402

from accounts.models import User  # noqa: E402
from membersnet.knowledge.demo import fill_demo_facts, make_benchmark_facts  # noqa: E402
from membersnet.knowledge.models import Fact  # noqa: E402
from membersnet.knowledge.search import search_facts  # noqa: E402
from membersnet.members.search import search_membersnet  # noqa: E402
from membersnet.rulebook.demo import fill_demo_rulebook  # noqa: E402
from membersnet.rulebook.search import search as search_rulebook  # noqa: E402
from membersnet.training.models import Course, Lesson  # noqa: E402

FACT_QUERIES = [
    "nhs waiting",
    "housing",
    "child poverty",
    "energy bills",
    "bus",
    "teachers pay",
    "climate",
    "wages",
    "affordable homes",
    "hospital",
]
RULEBOOK_QUERIES = [
    "general meeting",
    "secretary",
    "quorum",
    "standing orders",
    "election of officers",
    "3.2.1",
    "clause 2.1.1",
    "notice",
    "membership",
    "disciplinary",
]


PHRASES = [
    "NHS waiting lists fell in the region",
    "new affordable homes were started",
    "child poverty rose in the last decade",
    "energy bills for a typical household",
    "rural bus routes were cut",
    "teachers pay fell in real terms",
    "climate targets and green jobs",
    "wages for the lowest paid",
    "hospital beds per thousand people",
    "council housing waiting lists",
]


def _vary(facts) -> None:
    """Give the generated facts real words, so that queries match thousands of rows."""
    for number, fact in enumerate(facts):
        fact.claim = f"Demo: {PHRASES[number % len(PHRASES)]} (benchmark fact {number})."
    Fact.objects.bulk_update(facts, ["claim"], batch_size=1000)
    Fact.objects.filter(slug__startswith="benchmark-").update_search_vectors()


def _courses(n=40, lessons=6) -> None:
    """Courses and lessons with the phrases' words (no videos: only text is searched)."""
    for number in range(n):
        course = Course.objects.create(
            title=f"Course {number}: {PHRASES[number % len(PHRASES)]}",
            slug=f"bench-course-{number}",
            summary=f"Campaigning on {PHRASES[(number + 3) % len(PHRASES)]}.",
            is_published=number % 5 != 0,
        )
        Lesson.objects.bulk_create(
            Lesson(
                course=course,
                position=position,
                title=f"Lesson {position}: {PHRASES[(number + position) % len(PHRASES)]}",
                text="".join(
                    f"<p>{PHRASES[(number + position + line) % len(PHRASES)]}; the secretary "
                    "gives notice of the general meeting.</p>"
                    for line in range(8)
                ),
            )
            for position in range(1, lessons + 1)
        )


def _time(function, queries, repeats) -> list[float]:
    timings = []
    for _ in range(repeats):
        for query in queries:
            started = time.perf_counter()
            function(query)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def _row(label, timings):
    ordered = sorted(timings)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    median = statistics.median(ordered)
    return f"{label:<28}{median:>10.1f}{p95:>10.1f}{max(ordered):>10.1f}{len(ordered):>8}"


def main(args) -> None:
    try:
        print(
            f"Preparing {BENCH_DATABASE}: shared migrations, the demo rulebook, "
            f"{args.facts} facts…",
            flush=True,
        )
        call_command("migrate_schemas", shared=True, verbosity=0)
        fill_demo_rulebook()
        fill_demo_facts()
        _vary(make_benchmark_facts(max(args.facts - 32, 0)))
        _courses()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        staff = User.objects.create_user(email="bench@example.org", is_central_staff=True)

        def facts(query):
            return list(search_facts(query)[:20])

        def rulebook(query):
            return search_rulebook(query, staff)

        def everything(query):
            return search_membersnet(query, staff)

        for function, queries in (
            (facts, FACT_QUERIES),
            (rulebook, RULEBOOK_QUERIES),
            (everything, FACT_QUERIES + RULEBOOK_QUERIES),
        ):
            _time(function, queries, 1)  # warm the caches once
        fact_timings = _time(facts, FACT_QUERIES, args.repeats)
        rulebook_timings = _time(rulebook, RULEBOOK_QUERIES, args.repeats)
        everything_timings = _time(everything, FACT_QUERIES + RULEBOOK_QUERIES, args.repeats)
        print()
        print(f"{'search':<28}{'median ms':>10}{'p95 ms':>10}{'max ms':>10}{'runs':>8}")
        print(_row(f"knowledge bank ({args.facts} facts)", fact_timings))
        print(_row("rulebook and procedures", rulebook_timings))
        print(_row("both", fact_timings + rulebook_timings))
        print(_row("all of Membersnet, merged", everything_timings))
        print("\nTarget: p95 under 50 ms for each area; under 100 ms for all of Membersnet.")
    finally:
        drop(SERVER, BENCH_DATABASE)


if __name__ == "__main__":
    main(ARGS)
