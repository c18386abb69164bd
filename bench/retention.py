"""Benchmark: the nightly retention run (personal_data.retention) over many constituency
schemas (a minute or two; `make bench` does not run it).

    .venv/bin/python bench/retention.py [--count 50] [--rows 200]

In a scratch database (labourhub_bench_retention) on the configured PostgreSQL server,
or the embedded one when DATABASE_URL is unset, dropped afterwards: puts ROWS messages
and ROWS sign-ups in the template schema (half of each past their period, so every
clone copies them) and provisions COUNT constituencies. Then it times three runs: the
first, which deletes the old half everywhere; a second with nothing left to do (every
later night's cost when little has aged); and a third with two workers starting it at
once (one does it, the other finds it under way and stops).
"""

import argparse
import datetime as dt
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labourhub.settings.dev")

from scratch_database import drop, start_django_on  # noqa: E402 - bench/

BENCH_DATABASE = "labourhub_bench_retention"
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--count", type=int, default=50, help="constituencies to provision")
parser.add_argument("--rows", type=int, default=200, help="messages and sign-ups in each")
ARGS = parser.parse_args()
SERVER = start_django_on(BENCH_DATABASE)

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tenants.utils import schema_context  # noqa: E402

from constituencies.constituency_list import (  # noqa: E402
    BUNDLED_CONSTITUENCIES_CSV,
    listings_for_nation,
    read_constituency_list,
)
from constituencies.contact.models import ContactMessage  # noqa: E402
from constituencies.provisioning import ensure_hub, ensure_template, provision_constituency  # noqa: E402
from constituencies.signups.models import EventSignup  # noqa: E402
from constituencies.website.models import EventIndexPage, EventPage  # noqa: E402
from personal_data.retention import apply_retention  # noqa: E402


def seed_template(rows: int) -> None:
    """Messages written 400 and 10 days ago, and sign-ups to an event that ended 400
    days ago and one 10 days ago, half and half."""
    template = ensure_template()
    with schema_context(template.schema_name), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ContactMessage._meta.db_table} "  # noqa: S608 - constant names
            "(name, email, postcode, subject, message, recipient_name, recipient_email, "
            "consent_text, consent_version, consented_at, status, token, created_at, "
            "retain_until) "
            "SELECT 'Sender ' || g, 'sender' || g || '@example.org', 'BS5 6AB', 'Buses', "
            "repeat('A message to the MP. ', 20), 'The MP', 'mp@example.org', 'I agree.', "
            "'contact-2026-12', now(), 'delivered', md5(g::text), "
            "now() - (CASE WHEN g %% 2 = 0 THEN 400 ELSE 10 END) * interval '1 day', "
            "now() FROM generate_series(1, %s) g",
            [rows],
        )
        events = []
        for title, days_ago in (("Spring fair", 400), ("Autumn fair", 10)):
            ends = timezone.now() - dt.timedelta(days=days_ago)
            event = EventPage(
                title=title, summary="A fair.", starts_at=ends - dt.timedelta(hours=2), ends_at=ends
            )
            EventIndexPage.objects.get(locale__language_code="en-gb").add_child(instance=event)
            events.append(event.pk)
        cursor.execute(
            f"INSERT INTO {EventSignup._meta.db_table} "  # noqa: S608 - constant names
            "(event_id, name, email, phone, consent_text, consent_version, consented_at, "
            "status, notified_status, token, created_at, confirmed_at, status_changed_at, "
            "retain_until) "
            "SELECT CASE WHEN g %% 2 = 0 THEN %s ELSE %s END, 'Person ' || g, "
            "'person' || g || '@example.org', '', 'I agree.', 'signup-2026-12', now(), "
            "'confirmed', 'confirmed', md5('s' || g::text), now(), now(), now(), now() "
            "FROM generate_series(1, %s) g",
            [events[0], events[1], rows],
        )


def provision(count: int) -> float:
    listings = listings_for_nation(read_constituency_list(BUNDLED_CONSTITUENCIES_CSV), "GB")
    started = time.perf_counter()
    for number, listing in enumerate(listings[:count], start=1):
        provision_constituency(name=listing.name, gss_code=listing.gss_code)
        if number % 25 == 0:
            print(f"  {number} provisioned", flush=True)
    return time.perf_counter() - started


def timed_run(label: str):
    started = time.perf_counter()
    run = apply_retention()
    elapsed = time.perf_counter() - started
    removed = sum(run.totals.values()) if run else 0
    print(
        f"{label}: {elapsed:.2f} s for the hub and {run.schemas - 1} constituencies "
        f"({elapsed / run.schemas * 1000:.0f} ms a schema); removed {removed} rows "
        f"({', '.join(f'{k} {v}' for k, v in sorted(run.totals.items())) or 'none'}); "
        f"{len(run.failures)} schemas failed"
    )
    return run


def two_workers_at_once() -> None:
    results = []

    def worker():
        results.append(apply_retention())
        connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ran = [run for run in results if run is not None]
    print(f"Two workers at once: {len(ran)} ran, {len(results) - len(ran)} found it under way")


def main(args) -> None:
    try:
        print(f"Preparing {BENCH_DATABASE} (shared migrations and the template schema)…")
        call_command("migrate_schemas", shared=True, verbosity=0)
        ensure_hub()
        seed_template(args.rows)
        print(f"Provisioning {args.count} constituencies, {args.rows} messages and sign-ups each…")
        print(f"  {provision(args.count):.0f} s")
        timed_run("First run (half of every schema's rows past their period)")
        timed_run("Second run (nothing left to remove)")
        two_workers_at_once()
    finally:
        drop(SERVER, BENCH_DATABASE)


if __name__ == "__main__":
    main(ARGS)
