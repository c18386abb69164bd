"""Benchmark: erasing a person with every constituency's schema present (it takes
minutes, so `make bench` does not run it).

    .venv/bin/python bench/personal_data_erasure.py [--count 650] [--processes 4]

In a scratch database (labourhub_bench_erasure) on the configured PostgreSQL server, or
the embedded one when DATABASE_URL is unset, dropped afterwards: provisions COUNT
constituencies, seeds a member with an account whose sign-ups and messages are in three
of them, then times identifying them, the review staff see (what will be erased, from
the finder), the erasure itself, running it again (nothing remains) and erasing someone
of whom nothing is held (every schema is still visited).
"""

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labourhub.settings.dev")

from scratch_database import drop, start_django_on  # noqa: E402 - bench/

BENCH_DATABASE = "labourhub_bench_erasure"
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--count", type=int, default=650, help="constituencies to provision")
parser.add_argument(
    "--processes", type=int, default=4, help="constituencies provisioned at once (default 4)"
)
ARGS = parser.parse_args()
SERVER = start_django_on(BENCH_DATABASE)

from django.core.management import call_command  # noqa: E402 - Django is set up above
from django.utils import timezone  # noqa: E402
from django_tenants.utils import schema_context  # noqa: E402

from accounts.models import User  # noqa: E402
from constituencies.constituency_list import (  # noqa: E402
    BUNDLED_CONSTITUENCIES_CSV,
    listings_for_nation,
    read_constituency_list,
)
from constituencies.contact.models import ContactMessage  # noqa: E402
from constituencies.models import Constituency  # noqa: E402
from constituencies.provisioning import ensure_hub, ensure_template, provision_many  # noqa: E402
from constituencies.signups.models import EventSignup  # noqa: E402
from constituencies.website.models import EventIndexPage, EventPage  # noqa: E402
from membersnet.members.models import Member  # noqa: E402
from personal_data.erasure import ask_for_erasure, plan_erasure, run_erasure  # noqa: E402
from personal_data.finding import identify  # noqa: E402

EMAIL = "erasure-bench@example.org"
TARGET_SECONDS = 60  # the erasure of one person with 650 schemas


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def seed(schemas: list[str]) -> None:
    site = Constituency.objects.sites().order_by("schema_name").first()
    user = User.objects.create_user(email=EMAIL, first_name="Bench", last_name="Person")
    Member.objects.create(
        membership_number="L9999999",
        name="Bench Person",
        email=EMAIL,
        constituency=site,
        user=user,
    )
    later = timezone.now() + dt.timedelta(days=30)
    for schema in schemas:
        with schema_context(schema):
            event = EventPage(
                title="Bench rally",
                summary="A rally.",
                starts_at=later,
                ends_at=later + dt.timedelta(hours=2),
            )
            EventIndexPage.objects.get().add_child(instance=event)
            EventSignup.objects.create(
                event=event,
                name="Bench Person",
                email=EMAIL,
                consent_text="I agree.",
                status=EventSignup.Status.CONFIRMED,
                retain_until=later,
            )
            ContactMessage.objects.create(
                name="Bench Person",
                email=EMAIL,
                postcode="TE1 1ST",
                subject="Buses",
                message="The bus never comes.",
                recipient_name="Jo MP",
                recipient_email="jo.mp@parliament.example",
                retain_until=later,
            )


def main(args) -> None:
    try:
        listings = listings_for_nation(read_constituency_list(BUNDLED_CONSTITUENCIES_CSV), "UK")[
            : args.count
        ]
        print(f"Preparing {BENCH_DATABASE} and provisioning {len(listings)} constituencies…")
        call_command("migrate_schemas", shared=True, verbosity=0)
        ensure_hub()
        ensure_template()
        result = provision_many(listings, processes=args.processes)
        if result.failed:
            raise SystemExit(f"{len(result.failed)} failed, the first: {result.failed[0]}")
        schemas = list(
            Constituency.objects.sites()
            .order_by("schema_name")
            .values_list("schema_name", flat=True)
        )
        seed(schemas[-3:])

        seconds, person = timed(lambda: identify(EMAIL))
        print(f"identifying them: {seconds:.3f} s")
        seconds, plan = timed(lambda: plan_erasure(person))
        print(
            f"the whole review (what will be erased: {len(plan.entries)} kinds and places "
            f"in {plan.checked} schemas): {seconds:.1f} s"
        )
        request = ask_for_erasure(EMAIL, "Benchmark", person=person)
        seconds, request = timed(lambda: run_erasure(request.pk))
        print(
            f"erasing them in {request.schemas_done} schemas: {seconds:.1f} s, {request.status} "
            f"(target for 650: under {TARGET_SECONDS} s)"
        )
        seconds, _ = timed(lambda: run_erasure(request.pk))
        print(f"running it again with nothing remaining: {seconds:.3f} s")
        nobody = ask_for_erasure("nobody@example.org", "Benchmark")
        seconds, nobody = timed(lambda: run_erasure(nobody.pk))
        print(f"erasing someone of whom nothing is held: {seconds:.1f} s, {nobody.status}")
    finally:
        drop(SERVER, BENCH_DATABASE)


if __name__ == "__main__":
    main(ARGS)
