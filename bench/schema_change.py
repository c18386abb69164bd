"""Benchmark: a release with a real schema change, rolled out over every constituency
(minutes; `make bench` does not run it). docs/scaling.md, "Rolling out a release with a
real schema change", gives its figures.

    .venv/bin/python bench/schema_change.py [--count 100] [--rows 1000] [--lock-timeout 2s]

In a scratch database (labourhub_bench_schema_change) on the configured PostgreSQL
server, or the embedded one when DATABASE_URL is unset, dropped afterwards:

1. puts ROWS messages in the template's contact_contactmessage (every clone copies
   them) and provisions COUNT constituencies;
2. writes a throwaway migration into constituencies/contact/migrations/ shaped like a
   real expand step (a nullable column and an index on it) and applies it with
   `migrate_schemas --executor=standard`, recording the locks the migration of the first
   constituency's schema takes; then a second one with `--executor=multiprocessing`;
3. writes a third, and applies it while another connection has one constituency's
   messages table open in a transaction (as a long request would): with `lock_timeout`
   set, that schema fails; it prints which schemas were left behind, then ends the
   transaction and runs `migrate_schemas` again to resume.

It prints the seconds per schema (min / median / max) and in all for each run. Every
migration runs under PGOPTIONS="-c lock_timeout=...", as a real release should. The
throwaway migrations are deleted at the end, whatever happens (if the process is killed,
delete constituencies/contact/migrations/999*_bench_schema_change_*.py by hand).
"""

import argparse
import importlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labourhub.settings.dev")

from scratch_database import drop, start_django_on  # noqa: E402 - bench/

BENCH_DATABASE = "labourhub_bench_schema_change"
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--count", type=int, default=100, help="constituencies to provision")
parser.add_argument("--rows", type=int, default=1000, help="messages in each constituency")
parser.add_argument("--lock-timeout", default="2s", help="PostgreSQL's lock_timeout")
ARGS = parser.parse_args()
# libpq reads PGOPTIONS when it connects: every connection of this process and of the
# multiprocessing executor's children gives up on a lock after this long.
os.environ["PGOPTIONS"] = f"-c lock_timeout={ARGS.lock_timeout}"
SERVER = start_django_on(BENCH_DATABASE)

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.loader import MigrationLoader  # noqa: E402
from django_tenants.signals import schema_migrated, schema_pre_migration  # noqa: E402
from django_tenants.utils import schema_context  # noqa: E402

from constituencies.constituency_list import (  # noqa: E402
    BUNDLED_CONSTITUENCIES_CSV,
    listings_for_nation,
    read_constituency_list,
)
from constituencies.models import Constituency  # noqa: E402
from constituencies.provisioning import (  # noqa: E402
    ensure_hub,
    ensure_template,
    provision_constituency,
)

APP = "contact"
TABLE = "contact_contactmessage"
MIGRATIONS = ROOT / "constituencies" / "contact" / "migrations"
MIGRATION = '''"""Throwaway: written and deleted by bench/schema_change.py."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("{app}", "{previous}")]

    operations = [
        migrations.AddField(
            model_name="contactmessage",
            name="bench_reference_{number}",
            field=models.CharField(max_length=40, null=True, blank=True),
        ),
        migrations.AddIndex(
            model_name="contactmessage",
            index=models.Index(
                fields=["bench_reference_{number}"], name="bench_reference_{number}_idx"
            ),
        ),
    ]
'''
# What each table lock mode stops other sessions doing (PostgreSQL's conflict table).
BLOCKS = {
    "AccessShareLock": "only ACCESS EXCLUSIVE",
    "RowShareLock": "EXCLUSIVE and ACCESS EXCLUSIVE",
    "RowExclusiveLock": "SHARE and stronger: CREATE INDEX, most ALTER TABLE",
    "ShareUpdateExclusiveLock": "VACUUM, CREATE INDEX CONCURRENTLY, other schema changes",
    "ShareLock": "writes (INSERT, UPDATE, DELETE); reads go on",
    "ShareRowExclusiveLock": "writes, and other SHARE ROW EXCLUSIVE (foreign keys added)",
    "ExclusiveLock": "everything but reads",
    "AccessExclusiveLock": "everything, reads included",
}
TIMINGS = Path(tempfile.mkstemp(prefix="schema-change-", suffix=".jsonl")[1])
_started: dict[str, float] = {}


def _schema_starts(sender, schema_name, **kwargs):
    _started[schema_name] = time.time()


def _schema_done(sender, schema_name, **kwargs):
    # Sent after the schema's migrations commit and the platform's own receivers have
    # run; a schema with nothing to apply sends only this one. The multiprocessing
    # executor's children append here too.
    if schema_name in _started:
        seconds = time.time() - _started.pop(schema_name)
        with TIMINGS.open("a") as timings:
            timings.write(json.dumps({"schema": schema_name, "seconds": seconds}) + "\n")


schema_pre_migration.connect(_schema_starts, dispatch_uid="bench-schema-starts")
schema_migrated.connect(_schema_done, dispatch_uid="bench-schema-done")


def seed_template(rows: int) -> None:
    template = ensure_template()
    with connection.cursor() as cursor:
        # Identifiers are constants of this script; the row count is a parameter.
        cursor.execute(
            f'INSERT INTO "{template.schema_name}".{TABLE} '  # noqa: S608
            "(name, email, postcode, subject, message, recipient_name, recipient_email, "
            "status, token, created_at, retain_until) "
            "SELECT 'Sender ' || g, 'sender' || g || '@example.org', 'BS5 6AB', "
            "'About the bus routes', repeat('A message to the MP. ', 40), 'The MP', "
            "'mp@example.org', 'delivered', md5(g::text), now(), now() + interval '1 year' "
            "FROM generate_series(1, %s) g",
            [rows],
        )


def provision(count: int) -> float:
    listings = listings_for_nation(read_constituency_list(BUNDLED_CONSTITUENCIES_CSV), "GB")
    started = time.perf_counter()
    for number, listing in enumerate(listings[:count], start=1):
        provision_constituency(name=listing.name, gss_code=listing.gss_code)
        if number % 25 == 0:
            print(f"  {number} provisioned", flush=True)
    return time.perf_counter() - started


def catalogue_bytes() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'pg_catalog'"
        )
        return int(cursor.fetchone()[0])


def schema_bytes(schema_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind IN ('r', 'S', 'm')",
            [schema_name],
        )
        return int(cursor.fetchone()[0])


def write_migration(number: int) -> Path:
    previous = max(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes(APP))[1]
    path = MIGRATIONS / f"999{number}_bench_schema_change_{number}.py"
    path.write_text(MIGRATION.format(app=APP, previous=previous, number=number))
    importlib.invalidate_caches()
    return path


def migrate(executor: str) -> tuple[float, dict[str, float]]:
    TIMINGS.write_text("")
    started = time.perf_counter()
    try:
        call_command("migrate_schemas", executor=executor, verbosity=0)
    finally:
        elapsed = time.perf_counter() - started
        per_schema = {}
        for line in TIMINGS.read_text().splitlines():
            record = json.loads(line)
            per_schema[record["schema"]] = record["seconds"]
    return elapsed, per_schema


def report(label: str, elapsed: float, per_schema: dict[str, float]) -> None:
    public = per_schema.pop("public", None)
    seconds = sorted(per_schema.values()) or [0.0]
    print(
        f"{label}: {elapsed:.1f} s in all; {len(seconds)} constituency schemas "
        f"(template included) at {min(seconds):.3f} / {statistics.median(seconds):.3f} / "
        f"{max(seconds):.3f} s each (min / median / max)"
        + (f"; the shared schema first, {public:.3f} s" if public is not None else "")
    )


class LockRecorder:
    """Runs after each statement of one schema's migration, in its transaction, and
    notes every table and index lock held so far, with the statement that first
    held it."""

    QUERY = (
        "SELECT n.nspname, c.relname, c.relkind, l.mode FROM pg_locks l "
        "JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' "
        "AND n.nspname NOT IN ('pg_catalog', 'pg_toast', 'information_schema')"
    )

    def __init__(self, schema_name: str):
        self.schema_name = schema_name
        self.locks: dict[tuple[str, str, str], str] = {}
        self.first_change = self.last_statement = None
        self.statements, self.in_statements = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        wrapper = context["connection"]
        in_schema = wrapper.schema_name == self.schema_name
        recording = in_schema and wrapper.in_atomic_block
        if recording and self.first_change is None and sql.lstrip().startswith("ALTER"):
            self.first_change = time.perf_counter()
        started = time.perf_counter()
        result = execute(sql, params, many, context)
        if in_schema:
            self.statements += 1
            self.in_statements += time.perf_counter() - started
        if recording:
            self.last_statement = time.perf_counter()
            with wrapper.connection.cursor() as raw:
                raw.execute(self.QUERY)
                for schema, relation, kind, mode in raw.fetchall():
                    shown = relation if schema != self.schema_name else f"<schema>.{relation}"
                    kind = {"r": "table", "i": "index"}.get(kind, kind)
                    self.locks.setdefault((shown, kind, mode), " ".join(sql.split())[:70])
        return result


def migrated_schemas(number: int) -> list[str]:
    name = f"999{number}_bench_schema_change_{number}"
    done = []
    for schema_name in Constituency.objects.exclude(schema_name="public").values_list(
        "schema_name", flat=True
    ):
        with schema_context(schema_name), connection.cursor() as cursor:
            cursor.execute(
                f'SELECT 1 FROM "{schema_name}".django_migrations '  # noqa: S608
                "WHERE app = %s AND name = %s",
                [APP, name],
            )
            if cursor.fetchone():
                done.append(schema_name)
    return done


def main(args) -> None:
    written = []
    try:
        print(f"Preparing {BENCH_DATABASE} (shared migrations and the template schema)…")
        call_command("migrate_schemas", shared=True, verbosity=0)
        ensure_hub()
        seed_template(args.rows)
        empty = schema_bytes(settings.TENANT_BASE_SCHEMA)
        catalogue = catalogue_bytes()
        print(f"Provisioning {args.count} constituencies, {args.rows} messages each…")
        provisioned = provision(args.count)
        catalogue = (catalogue_bytes() - catalogue) / args.count
        sites = list(
            Constituency.objects.filter(kind=Constituency.Kind.CONSTITUENCY)
            .order_by("pk")
            .values_list("schema_name", flat=True)
        )
        print(
            f"  {provisioned:.0f} s; each schema {schema_bytes(sites[0]) / 1e6:.1f} MB "
            f"on disk (the template with its messages: {empty / 1e6:.1f} MB), and "
            f"{catalogue / 1e6:.2f} MB more of PostgreSQL's catalogue"
        )
        print(
            f"\nEach migration: ALTER TABLE {TABLE} ADD COLUMN (nullable), CREATE INDEX on it; "
            f"lock_timeout {args.lock_timeout}; {settings.TENANT_MULTIPROCESSING_MAX_PROCESSES} "
            "schemas at once with the multiprocessing executor.\n"
        )

        written.append(write_migration(1))
        locks = LockRecorder(sites[0])
        with connection.execute_wrapper(locks):
            elapsed, per_schema = migrate("standard")
        print(
            f"{sites[0]} took {per_schema[sites[0]]:.3f} s, of which {locks.statements} SQL "
            f"statements {locks.in_statements * 1000:.0f} ms: the rest is Django preparing the "
            "migration (loading the graph, rendering the models' state) in Python"
        )
        report("standard executor", elapsed, per_schema)
        print(f"\nLocks held by the migration of one constituency's schema ({sites[0]}):")
        print(f"  {'relation':<58}{'kind':<7}{'mode':<26}first taken by")
        for (relation, kind, mode), statement in sorted(locks.locks.items()):
            print(f"  {relation:<58}{kind:<7}{mode:<26}{statement}")
        held = (locks.last_statement - locks.first_change) * 1000
        print(
            f"  held from the ALTER TABLE to the migration's last statement: {held:.1f} ms "
            "(then the commit releases them)"
        )
        print("  what each mode blocks until the schema's migration commits:")
        for mode in sorted({mode for _, _, mode in locks.locks}):
            print(f"    {mode}: {BLOCKS.get(mode, '?')}")

        written.append(write_migration(2))
        print()
        report("multiprocessing executor", *migrate("multiprocessing"))

        written.append(write_migration(3))
        blocked = sites[len(sites) // 2]
        print(
            f"\nA transaction holds {blocked}.{TABLE} open (ACCESS SHARE, as a request "
            "reading it would) while the next migration runs (multiprocessing):"
        )
        with psycopg.connect(os.environ["DATABASE_URL"]) as holder:
            holder.execute(f'SELECT count(*) FROM "{blocked}".{TABLE}')  # noqa: S608
            try:
                elapsed, per_schema = migrate("multiprocessing")
            except Exception as error:  # noqa: BLE001 - what a release would see, measured
                print(f"  migrate_schemas failed: {type(error).__name__}: {str(error).strip()}")
            else:
                print(f"  migrate_schemas did not fail ({elapsed:.1f} s)")
            holder.rollback()
        done = migrated_schemas(3)
        every = Constituency.objects.exclude(schema_name="public").count()
        left = sorted(
            set(
                Constituency.objects.exclude(schema_name="public").values_list(
                    "schema_name", flat=True
                )
            )
            - set(done)
        )
        print(f"  {len(done)} of {every} constituency schemas migrated; left behind: {left}")
        print("The transaction ends; migrate_schemas runs again to resume:")
        report("  resumed (multiprocessing)", *migrate("multiprocessing"))
        print(f"  now {len(migrated_schemas(3))} of {every} migrated")
    finally:
        for path in written:
            path.unlink(missing_ok=True)
            for compiled in (path.parent / "__pycache__").glob(f"{path.stem}.*.pyc"):
                compiled.unlink()
        TIMINGS.unlink(missing_ok=True)
        drop(SERVER, BENCH_DATABASE)


if __name__ == "__main__":
    main(ARGS)
