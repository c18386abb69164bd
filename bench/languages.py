"""Benchmark: what Welsh costs a constituency site (a minute or two; `make bench` does
not run it).

    .venv/bin/python bench/languages.py [--rounds 5] [--requests 40] [--sites 32]

In a scratch database (labourhub_bench_languages) on the configured PostgreSQL server,
or the embedded one when DATABASE_URL is unset, dropped afterwards.

1. Rendering: a site that offers Welsh, with 12 news items and 12 events, each
   translated. Its home page, news index, a news item and an event page are rendered by
   the app (in-process, a fresh query string each time so no page cache answers), in
   English and in Welsh, and the same pages of an English-only site as the baseline:
   interleaved, ROUNDS rounds of REQUESTS requests each. Printed: CPU milliseconds per
   request of this process (the app's own work, PostgreSQL's not included), min / median
   / max over the rounds, and Welsh's ratio to the English-only baseline.
2. The nightly parity check over SITES bilingual sites (Wales has 32), each with 100
   pages of which a third lack Welsh: total seconds, min / median / max over the rounds.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labourhub.settings.dev")

from scratch_database import drop, start_django_on  # noqa: E402 - bench/

BENCH_DATABASE = "labourhub_bench_languages"
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--rounds", type=int, default=5)
parser.add_argument("--requests", type=int, default=40, help="requests per page per round")
parser.add_argument("--sites", type=int, default=32, help="bilingual sites for the check")
ARGS = parser.parse_args()
SERVER = start_django_on(BENCH_DATABASE)

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tenants.utils import schema_context  # noqa: E402

from constituencies.languages.parity_check import check_parity  # noqa: E402
from constituencies.languages.translating import source_segments, translate_page  # noqa: E402
from constituencies.provisioning import ensure_hub, provision_constituency  # noqa: E402
from constituencies.website.models import (  # noqa: E402
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
)


def _in_welsh(page):
    welsh = {text: f"Cymraeg: {text}" for text in source_segments(page)}
    return translate_page(page, {**welsh, page.slug: page.slug})  # the same address under /cy/


def fill(constituency, items: int, translate_every: int | None) -> tuple[str, str]:
    """News items and events, translated (every one, or every `translate_every`th);
    returns the paths of the last news item and event."""
    with schema_context(constituency.schema_name):
        news_index = NewsIndexPage.objects.get(locale__language_code="en-gb")
        events = EventIndexPage.objects.get(locale__language_code="en-gb")
        start = timezone.now() + dt.timedelta(days=7)
        for number in range(items):
            news = news_index.add_child(
                instance=NewsPage(
                    title=f"Story {number}",
                    date=dt.date.today(),
                    summary="What happened this week in the constituency.",
                )
            )
            event = events.add_child(
                instance=EventPage(
                    title=f"Street stall {number}",
                    summary="Come and help at our street stall.",
                    starts_at=start + dt.timedelta(days=number),
                    ends_at=start + dt.timedelta(days=number, hours=2),
                )
            )
            if translate_every and number % translate_every == 0:
                _in_welsh(news)
                _in_welsh(event)
        return news.url_path.split("/", 2)[2], event.url_path.split("/", 2)[2]


def cpu_ms_per_request(client, host, path, requests, counter) -> float:
    started = time.process_time()
    for _ in range(requests):
        counter[0] += 1
        response = client.get(f"/{path}?bench={counter[0]}", HTTP_HOST=host)
        assert response.status_code == 200, (path, response.status_code)
    return (time.process_time() - started) * 1000 / requests


def rendering() -> None:
    welsh_site = provision_constituency(
        name="Benchton West", gss_code="W07999990", slug="benchton-west", override_reason="b"
    )
    english_site = provision_constituency(
        name="Benchton East", gss_code="E14999990", slug="benchton-east", override_reason="b"
    )
    news, event = fill(welsh_site, 12, translate_every=1)
    fill(english_site, 12, translate_every=None)
    pages = {"home": "", "news index": "news/", "news item": news, "event": event}
    runs = {
        "English-only site": (english_site.primary_domain, ""),
        "bilingual site, English": (welsh_site.primary_domain, ""),
        "bilingual site, Welsh": (welsh_site.primary_domain, "cy/"),
    }
    client, counter = Client(), [0]
    results = {(page, run): [] for page in pages for run in runs}
    for path in pages.values():  # warm: the chrome, compiled templates
        for host, prefix in runs.values():
            cpu_ms_per_request(client, host, prefix + path, 3, counter)
    for _ in range(ARGS.rounds):
        for page, path in pages.items():
            for run, (host, prefix) in runs.items():
                cpu_ms = cpu_ms_per_request(client, host, prefix + path, ARGS.requests, counter)
                results[page, run].append(cpu_ms)
    print(f"Rendering, CPU ms per request, {ARGS.rounds} rounds of {ARGS.requests}:")
    for page in pages:
        baseline = statistics.median(results[page, "English-only site"])
        for run in runs:
            values = results[page, run]
            ratio = statistics.median(values) / baseline
            print(
                f"  {page:10} {run:24} min {min(values):5.1f}  median "
                f"{statistics.median(values):5.1f}  max {max(values):5.1f}  x{ratio:.2f}"
            )


def parity() -> None:
    sites = []
    for number in range(ARGS.sites):
        site = provision_constituency(
            name=f"Parityton {number}",
            gss_code=f"W0799{number:04d}",
            slug=f"parityton-{number}",
            override_reason="bench",
        )
        fill(site, 48, translate_every=3)  # 96 pages + 5 starter pages, a third untranslated
        sites.append(site)
    seconds = []
    for _ in range(ARGS.rounds):
        started = time.perf_counter()
        for site in sites:
            with schema_context(site.schema_name):
                check_parity(site)
        seconds.append(time.perf_counter() - started)
    print(
        f"Nightly parity check, {ARGS.sites} bilingual sites of 101 pages: min "
        f"{min(seconds):.2f} s, median {statistics.median(seconds):.2f} s, max "
        f"{max(seconds):.2f} s ({statistics.median(seconds) / ARGS.sites * 1000:.0f} ms a site)"
    )


def main() -> None:
    try:
        call_command("migrate_schemas", shared=True, verbosity=0)
        ensure_hub()
        rendering()
        parity()
    finally:
        drop(SERVER, BENCH_DATABASE)


if __name__ == "__main__":
    main()
