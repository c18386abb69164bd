"""Benchmark: central staff's screen of drafts waiting for approval
(`constituencies.moderation.pending`, one query of the shared index) and the rebuild of
that index, which visits every constituency's schema (`constituencies.moderation.index`).

    .venv/bin/python bench/moderation.py [--count 100]

In a scratch database (labourhub_bench_moderation), dropped afterwards: provisions COUNT
constituencies of the bundled list, submits a draft for approval in every tenth, then
times `pending_moderation()` and `rebuild_index()` (the median of five runs each) and
prints the time per schema and what it comes to for 650.
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

BENCH_DATABASE = "labourhub_bench_moderation"
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--count", type=int, default=100, help="constituencies to provision")
parser.add_argument("--processes", type=int, default=2, help="provisioned at once")
ARGS = parser.parse_args()
SERVER = start_django_on(BENCH_DATABASE)

from django.core.management import call_command  # noqa: E402 - Django is set up above
from django_tenants.utils import schema_context  # noqa: E402
from wagtail.models import Workflow  # noqa: E402

from accounts.models import User  # noqa: E402
from constituencies.constituency_list import (  # noqa: E402
    BUNDLED_CONSTITUENCIES_CSV,
    listings_for_nation,
    read_constituency_list,
)
from constituencies.models import Constituency  # noqa: E402
from constituencies.moderation.index import rebuild_index  # noqa: E402
from constituencies.moderation.pending import pending_moderation  # noqa: E402
from constituencies.provisioning import ensure_hub, provision_many  # noqa: E402
from constituencies.website.models import NewsIndexPage, NewsPage  # noqa: E402


def main() -> None:
    try:
        call_command("migrate_schemas", shared=True, verbosity=0)
        ensure_hub()
        listings = listings_for_nation(read_constituency_list(BUNDLED_CONSTITUENCIES_CSV), "GB")
        result = provision_many(listings[: ARGS.count], processes=ARGS.processes)
        print(f"{len(result.created)} constituencies provisioned", flush=True)
        editor = User.objects.create_user(email="bench-editor@example.org", password=None)
        for constituency in Constituency.objects.sites().order_by("pk")[::10]:
            with schema_context(constituency.schema_name):
                page = NewsIndexPage.objects.get(locale__language_code="en-gb").add_child(
                    instance=NewsPage(title="Waiting", summary="A draft.", live=False)
                )
                page.save_revision(user=editor)
                Workflow.objects.get(active=True, workflow_pages__isnull=False).start(page, editor)
        schemas = Constituency.objects.sites().count()
        for operation in (pending_moderation, rebuild_index):
            operation()  # warm up
            runs = []
            for _ in range(5):
                started = time.perf_counter()
                operation()
                runs.append(time.perf_counter() - started)
            seconds = statistics.median(runs)
            print(
                f"{operation.__name__}(): {seconds * 1000:.0f} ms for {schemas} schemas "
                f"(a draft waiting in one in ten), {seconds / schemas * 1000:.2f} ms a schema"
                + ("" if operation is pending_moderation else "; for 650, about ")
                + ("" if operation is pending_moderation else f"{seconds / schemas * 650:.1f} s")
            )
    finally:
        drop(SERVER, BENCH_DATABASE)


if __name__ == "__main__":
    main()
