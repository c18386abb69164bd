"""Benchmark: seconds to provision one constituency by cloning the template schema,
against the baseline of replaying every tenant migration, in the same run.

    make bench            (or: .venv/bin/python bench/provisioning.py --runs 5)

Runs in a scratch database (labourhub_bench) on the configured PostgreSQL server, or
the embedded one when DATABASE_URL is unset, and drops it afterwards.
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

BENCH_DATABASE = "labourhub_bench"
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--runs", type=int, default=5, help="constituencies per method")
ARGS = parser.parse_args()
SERVER = start_django_on(BENCH_DATABASE)

from django.core.management import call_command  # noqa: E402 - Django is set up above
from django.test.utils import override_settings  # noqa: E402
from django_tenants.utils import schema_context  # noqa: E402

from constituencies.models import Constituency, Domain  # noqa: E402
from constituencies.provisioning import (  # noqa: E402
    ensure_hub,
    ensure_template,
    platform_domain_for,
    provision_constituency,
    schema_name_for,
)
from constituencies.website.starter_site import build_starter_site  # noqa: E402
from roles.constituency_groups import create_constituency_groups  # noqa: E402


def by_replaying(name: str, gss_code: str, slug: str) -> None:
    """The baseline: what provisioning cost before cloning (migrate a new schema)."""
    constituency = Constituency.objects.create(
        name=name, gss_code=gss_code, slug=slug, schema_name=schema_name_for(gss_code)
    )
    with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=False):
        constituency.create_schema(verbosity=0)
    Domain.objects.create(domain=platform_domain_for(slug), tenant=constituency, is_primary=True)
    with schema_context(constituency.schema_name):
        build_starter_site(name, platform_domain_for(slug))
        create_constituency_groups(constituency)


def by_cloning(name: str, gss_code: str, slug: str) -> None:
    provision_constituency(
        name=name, gss_code=gss_code, slug=slug, override_reason="A benchmark's constituency"
    )


def main(args) -> None:
    try:
        print(
            f"Preparing {BENCH_DATABASE} (shared migrations and the template schema)…", flush=True
        )
        call_command("migrate_schemas", shared=True, verbosity=0)
        ensure_hub()
        ensure_template()

        timings: dict[str, list[float]] = {"cloning": [], "replaying migrations": []}
        methods = {"cloning": by_cloning, "replaying migrations": by_replaying}
        for run in range(args.runs):
            for index, (label, method) in enumerate(methods.items()):
                number = run * 2 + index
                started = time.perf_counter()
                method(f"Bench {number}", f"E1490{number:04d}", f"bench-{number}")
                timings[label].append(time.perf_counter() - started)
            print(f"  run {run + 1}/{args.runs} done", flush=True)

        clone = statistics.median(timings["cloning"])
        replay = statistics.median(timings["replaying migrations"])
        print()
        print(f"{'method':<22}{'median s':>10}{'min s':>9}{'max s':>9}")
        for label, values in timings.items():
            print(
                f"{label:<22}{statistics.median(values):>10.2f}{min(values):>9.2f}{max(values):>9.2f}"
            )
        print(
            f"\ncloning is {replay / clone:.1f}x faster than replaying migrations "
            f"({args.runs} constituencies each; target: at least 5x and under 1.5 s)"
        )
    finally:
        drop(SERVER, BENCH_DATABASE)


if __name__ == "__main__":
    main(ARGS)
