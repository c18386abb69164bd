"""Benchmark: the platform at every constituency at once (`make bench-scale`; it takes
minutes, so `make bench` does not run it).

    .venv/bin/python bench/scale.py [--count 632] [--nation GB]

In a scratch database (labourhub_bench_scale) on the configured PostgreSQL server, or
the embedded one when DATABASE_URL is unset, dropped afterwards:

1. provisions COUNT constituencies of the bundled list as `provision_constituencies`
   does, PROCESSES at a time, printing the median seconds each constituency took in
   each tenth of the list and the run's total;
2. counts the triggers on the shared tables that belong to foreign keys from the
   constituency schemas (each such key adds two; the rule is that there are none);
3. times a `migrate_schemas` with nothing to apply, with each executor;
4. times creating, deactivating and deleting a user who revised a page in three
   constituencies, with every schema present, then clearing the deleted user from every
   schema as the task queued by the deletion does.

Figures are printed against the targets of the scale work (README, "Scale").
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

BENCH_DATABASE = "labourhub_bench_scale"
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--count", type=int, default=632, help="constituencies to provision")
parser.add_argument("--nation", default="GB", help="GB, UK, or E, S, W, N")
parser.add_argument(
    "--processes", type=int, default=4, help="constituencies provisioned at once (default 4)"
)
ARGS = parser.parse_args()
SERVER = start_django_on(BENCH_DATABASE)

from django.core.management import call_command  # noqa: E402 - Django is set up above
from django.db import DatabaseError, connection, transaction  # noqa: E402
from django_tenants.utils import schema_context  # noqa: E402
from wagtail.models import Page  # noqa: E402

from accounts.deleted_accounts import clear_references, constituency_schemas  # noqa: E402
from accounts.models import DeletedAccount, User  # noqa: E402
from constituencies.constituency_list import (  # noqa: E402
    BUNDLED_CONSTITUENCIES_CSV,
    listings_for_nation,
    read_constituency_list,
)
from constituencies.provisioning import (  # noqa: E402
    ensure_hub,
    ensure_template,
    provision_many,
)

TARGET_PROVISIONING_SECONDS = 300  # for all 632 of Great Britain
TARGET_MIGRATE_SECONDS = 180  # for 650 schemas
TARGET_USER_SECONDS = 1


def provision(listings, processes: int) -> tuple[float, list[float]]:
    """Wall-clock seconds for the whole run, and each constituency's own seconds in the
    order of the list."""
    done = 0

    def progress(listing):
        nonlocal done
        done += 1
        if done % 50 == 0:
            print(f"  {done} done", flush=True)

    started = time.perf_counter()
    result = provision_many(listings, progress=progress, processes=processes)
    wall = time.perf_counter() - started
    if result.failed:
        raise SystemExit(f"{len(result.failed)} failed, the first: {result.failed[0]}")
    return wall, [result.seconds[listing.gss_code] for listing in listings]


def shared_table_triggers() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_constraint k ON k.oid = t.tgconstraint "
            "JOIN pg_class referencing ON referencing.oid = k.conrelid "
            "WHERE n.nspname = 'public' AND referencing.relnamespace <> c.relnamespace"
        )
        return cursor.fetchone()[0]


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def user_round_trip() -> dict[str, float]:
    """Seconds to create, deactivate and delete a user who revised a page in three
    constituencies, and to clear them from every schema afterwards."""
    user = None

    def create():
        nonlocal user
        user = User.objects.create_user(email="scale-bench@example.org", password=None)

    def deactivate():
        user.is_active = False
        user.save(update_fields=["is_active"])

    def delete():
        with transaction.atomic():
            user.delete()

    # A running web process has imported its tasks modules (task_named) and spoken to
    # the broker by then: warm those up once, with another user.
    User.objects.create_user(email="scale-bench-warm-up@example.org").delete()
    created = timed(create)
    for schema_name in constituency_schemas()[-3:]:
        with schema_context(schema_name):
            Page.objects.get(depth=2, locale__language_code="en-gb").specific.save_revision(
                user=user
            )
    user_id = user.pk
    return {
        "creating a user": created,
        "deactivating it": timed(deactivate),
        "deleting it": timed(delete),
        "clearing it from every schema afterwards": timed(
            lambda: clear_references(DeletedAccount.objects.get(user_id=user_id))
        ),
    }


def main(args) -> None:
    try:
        listings = listings_for_nation(
            read_constituency_list(BUNDLED_CONSTITUENCIES_CSV), args.nation
        )[: args.count]
        print(f"Preparing {BENCH_DATABASE} (shared migrations and the template schema)…")
        call_command("migrate_schemas", shared=True, verbosity=0)
        ensure_hub()
        ensure_template()

        print(
            f"Provisioning {len(listings)} constituencies, {args.processes} at a time…", flush=True
        )
        total, seconds = provision(listings, args.processes)
        bounds = [round(len(seconds) * tenth / 10) for tenth in range(11)]
        tenths = [
            seconds[start:end]
            for start, end in zip(bounds[:-1], bounds[1:], strict=True)
            if end > start
        ]
        print(f"\n{'tenth':<8}{'constituencies':>16}{'median s each':>16}")
        for number, part in enumerate(tenths, start=1):
            print(f"{number:<8}{len(part):>16}{statistics.median(part):>16.2f}")
        first, last = statistics.median(tenths[0]), statistics.median(tenths[-1])
        print(
            f"\nprovisioning: {total:.0f} s for {len(seconds)} (target for 632: under "
            f"{TARGET_PROVISIONING_SECONDS} s); the last tenth {last / first:.1f}x the "
            "first (target: at most 2x)"
        )
        print(f"triggers on shared tables for keys from constituencies: {shared_table_triggers()}")

        for executor in ("standard", "multiprocessing"):
            migrate = timed(
                lambda executor=executor: call_command(
                    "migrate_schemas", executor=executor, verbosity=0
                )
            )
            print(
                f"migrate_schemas --executor={executor} with nothing to apply: {migrate:.1f} s "
                f"for {len(seconds) + 1} schemas and the hub (target for 650: under "
                f"{TARGET_MIGRATE_SECONDS} s)"
            )
        try:
            user_seconds = user_round_trip()
        except DatabaseError as error:  # what the platform would answer, measured too
            print(f"a user's round trip failed: {str(error).splitlines()[0]}")
        else:
            for step, step_seconds in user_seconds.items():
                target = f" (target: under {TARGET_USER_SECONDS} s)"
                print(f"{step}: {step_seconds:.3f} s{'' if 'every' in step else target}")
    finally:
        drop(SERVER, BENCH_DATABASE)


if __name__ == "__main__":
    main(ARGS)
