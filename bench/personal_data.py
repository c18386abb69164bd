"""Benchmark: subject access across every constituency (`make bench-personal-data`).

    .venv/bin/python bench/personal_data.py [--count 650] [--rounds 5]

In a scratch database (labourhub_bench_personal_data), dropped afterwards:

1. makes COUNT constituency schemas by cloning the template schema, as provisioning
   does (without each site's domain and pages, which a search never reads), after
   putting other people's records in the template so that every schema holds some: an
   event with sign-ups and messages to the MP;
2. seeds one person (an account, a member record with an older address, sign-ups in
   three constituencies, a message in two);
3. times, ROUNDS times each, finding the person everywhere with one query per declared
   kind per schema (the baseline: `finding.find_in_hub` and `find_in_schema`), finding
   them with one counting query per schema (`finding.find_everywhere`, what exports
   use), and the whole export (`exporting.export_now`: the request, the search with its
   progress, the ZIP in private storage, the audit entry), printing the minimum, median
   and maximum of each against the target (under 30 s for 650 schemas);
4. times erasure's review (`erasure.plan_erasure`, what staff see before confirming),
   erasing the person everywhere (`erasure.ask_for_erasure` then `run_erasure`, as the
   command does), seeding them again before each round, and erasing someone of whom
   nothing is held; and checks that an export afterwards finds only what erasure keeps.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labourhub.settings.dev")

from scratch_database import drop, start_django_on  # noqa: E402 - bench/

BENCH_DATABASE = "labourhub_bench_personal_data"
TARGET_SECONDS = 30  # for 650 schemas
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--count", type=int, default=650, help="constituency schemas to make")
parser.add_argument("--rounds", type=int, default=5, help="times each operation is run")
ARGS = parser.parse_args()
SERVER = start_django_on(BENCH_DATABASE)

from allauth.account.models import EmailAddress  # noqa: E402 - Django is set up above
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tenants.utils import get_public_schema_name, schema_context  # noqa: E402

from accounts.models import User  # noqa: E402
from constituencies.contact.models import ContactMessage  # noqa: E402
from constituencies.models import Constituency  # noqa: E402
from constituencies.provisioning import ensure_hub, ensure_template  # noqa: E402
from constituencies.schema_clone import clone_schema  # noqa: E402
from constituencies.signups.models import EventSignup  # noqa: E402
from constituencies.website.models import EventIndexPage, EventPage  # noqa: E402
from membersnet.members.models import Member  # noqa: E402
from personal_data.erasure import ask_for_erasure, plan_erasure, run_erasure  # noqa: E402
from personal_data.exporting import export_now  # noqa: E402
from personal_data.finding import (  # noqa: E402
    constituency_schemas,
    find_everywhere,
    find_in_hub,
    find_in_schema,
    identify,
)

PERSON = "ada.bench@example.org"
PERSON_OLD = "ada.old@example.org"
NOBODY = "nobody.held@example.org"
MEMBERSHIP_NUMBER = "L9000001"
OTHERS_SIGNUPS = 40
OTHERS_MESSAGES = 20


def fill_template(template) -> None:
    """Other people's records in the template, so every clone holds some."""
    keep = timezone.now() + dt.timedelta(days=365)
    with schema_context(template.schema_name):
        starts = timezone.now() + dt.timedelta(days=7)
        event = EventIndexPage.objects.get(locale__language_code="en-gb").add_child(
            instance=EventPage(
                title="Street stall",
                summary="An event.",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
            )
        )
        _signups(event, [(f"Person {n}", f"person{n}@example.org") for n in range(OTHERS_SIGNUPS)])
        ContactMessage.objects.bulk_create(
            _message(f"Writer {n}", f"writer{n}@example.org", keep) for n in range(OTHERS_MESSAGES)
        )


def _signups(event, people, status=EventSignup.Status.CONFIRMED):
    keep = timezone.now() + dt.timedelta(days=365)
    for name, email in people:
        EventSignup.objects.create(
            event=event,
            name=name,
            email=email,
            consent_text="I agree.",
            status=status,
            retain_until=keep,
        )


def _message(name, email, keep):
    return ContactMessage(
        name=name,
        email=email,
        postcode="TE1 1ST",
        subject="Buses",
        message="The 12 never comes.",
        recipient_name="Jo MP",
        recipient_email="jo.mp@parliament.example",
        status=ContactMessage.Status.DELIVERED,
        retain_until=keep,
    )


def make_schemas(count: int, template) -> float:
    started = time.perf_counter()
    with schema_context(get_public_schema_name()):
        for number in range(count):
            gss_code = f"E14{900000 + number}"
            with transaction.atomic():
                constituency = Constituency.objects.create(
                    name=f"Benchford {number}",
                    gss_code=gss_code,
                    slug=f"benchford-{number}",
                    schema_name=f"clp_{gss_code.lower()}",
                    kind=Constituency.Kind.CONSTITUENCY,
                )
                clone_schema(template.schema_name, constituency.schema_name)
            if (number + 1) % 50 == 0:
                print(f"  {number + 1} schemas made", flush=True)
    return time.perf_counter() - started


def seed_person() -> None:
    sites = list(Constituency.objects.sites().order_by("pk"))
    user = User.objects.create_user(
        email=PERSON, password=None, first_name="Ada", last_name="Bench"
    )
    EmailAddress.objects.create(user=user, email=PERSON, verified=True, primary=True)
    Member.objects.create(
        membership_number=MEMBERSHIP_NUMBER,
        name="Ada Bench",
        email=PERSON_OLD,
        constituency=sites[0],
        user=user,
    )
    keep = timezone.now() + dt.timedelta(days=365)
    for constituency in (sites[0], sites[len(sites) // 2], sites[-1]):
        with schema_context(constituency.schema_name):
            _signups(EventPage.objects.get(), [("Ada Bench", PERSON)])
    for constituency in (sites[1], sites[-2]):
        with schema_context(constituency.schema_name):
            ContactMessage.objects.create(**_fields(_message("Ada Bench", PERSON_OLD, keep)))


def _fields(instance) -> dict:
    return {
        f.name: getattr(instance, f.name) for f in instance._meta.concrete_fields if f.name != "id"
    }


def find_one_query_per_kind(person) -> int:
    """The baseline: ask every declared kind in turn, in every schema."""
    found = list(find_in_hub(person))
    for schema, name in constituency_schemas():
        found += find_in_schema(person, schema, name)
    return sum(len(each.rows) for each in found)


def find_one_query_per_schema(person) -> int:
    return sum(len(each.rows) for each in find_everywhere(person))


def timed_rounds(operation, rounds: int) -> tuple[list[float], object]:
    """Seconds each of `rounds` runs of `operation()` took, and its last result."""
    seconds, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = operation()
        seconds.append(time.perf_counter() - started)
    return seconds, result


def time_erasure(rounds: int) -> list[float]:
    """Seconds each erasure of the person took, seeded afresh before each but the first
    (seeded by main)."""
    seconds = []
    for number in range(rounds):
        if number:
            seed_person()
        started = time.perf_counter()
        request = run_erasure(ask_for_erasure(PERSON, "Benchmark").pk)
        seconds.append(time.perf_counter() - started)
        if request.schemas_remaining:
            raise SystemExit(f"Erasure left {request.schemas_remaining}")
    return seconds


def queries(operation) -> int:
    connection.force_debug_cursor = True
    connection.queries_log.clear()
    try:
        operation()
        return len(connection.queries_log)
    finally:
        connection.force_debug_cursor = False


def report(label: str, seconds: list[float], schemas: int) -> float:
    median = statistics.median(seconds)
    print(
        f"{label}: min {min(seconds):.2f} s, median {median:.2f} s, max {max(seconds):.2f} s "
        f"for {schemas} schemas ({median / schemas * 1000:.2f} ms a schema; "
        f"for 650 about {median / schemas * 650:.1f} s)"
    )
    return median


def main() -> None:
    try:
        call_command("migrate_schemas", shared=True, verbosity=0)
        ensure_hub()
        template = ensure_template()
        fill_template(template)
        made = make_schemas(ARGS.count, template)
        print(f"{ARGS.count} schemas made in {made:.0f} s", flush=True)
        seed_person()
        schemas = ARGS.count + 1  # and the hub's
        person = identify(PERSON)

        naive, naive_rows = timed_rounds(lambda: find_one_query_per_kind(person), ARGS.rounds)
        quick, quick_rows = timed_rounds(lambda: find_one_query_per_schema(person), ARGS.rounds)
        if naive_rows != quick_rows:
            raise SystemExit(f"The two searches disagree: {naive_rows} and {quick_rows} rows")
        print(f"Both searches find the same {quick_rows} records of the person.")
        print(
            f"Queries: {queries(lambda: find_one_query_per_kind(person))} asking each kind, "
            f"{queries(lambda: find_one_query_per_schema(person))} counting per schema"
        )
        baseline = report("Find, one query per kind per schema (baseline)", naive, schemas)
        found = report("Find, one counting query per schema", quick, schemas)
        print(f"  {baseline / found:.1f} times faster")
        export, request = timed_rounds(
            lambda: export_now(PERSON, "Benchmark", progress=None), ARGS.rounds
        )
        exported = report("Export (request, search, ZIP, audit)", export, schemas)
        print(f"  {sum(each['count'] for each in request.found)} records in the last ZIP")
        verdict = "within" if exported / schemas * 650 < TARGET_SECONDS else "OVER"
        print(f"Export for 650 schemas: {verdict} the target of {TARGET_SECONDS} s")

        review, plan = timed_rounds(lambda: plan_erasure(identify(PERSON)), ARGS.rounds)
        report("Erasure's review (what it would do, every schema)", review, schemas)
        print(f"  checked {plan.checked} of {plan.places} places")
        erasure = time_erasure(ARGS.rounds)
        report("Erasure (every schema, then the hub)", erasure, schemas)
        nobody, _ = timed_rounds(
            lambda: run_erasure(ask_for_erasure(NOBODY, "Benchmark").pk), ARGS.rounds
        )
        report("Erasure of someone of whom nothing is held", nobody, schemas)
        kept = export_now(PERSON, "Benchmark: after erasure").found
        print(f"  after erasure an export finds only: {sorted({each['kind'] for each in kept})}")
    finally:
        drop(SERVER, BENCH_DATABASE)


if __name__ == "__main__":
    main()
