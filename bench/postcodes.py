"""Benchmark: `manage.py import_postcodes` on an NSPL-shaped file (the ONS's 40-odd
columns, a third of the postcodes terminated, a few without a grid reference), timed
as a first import into an empty table and as a re-import of the same file (which
changes nothing), several rounds each; extrapolated to the real file's 2.7 million rows.

    make bench-postcodes     (or: .venv/bin/python bench/postcodes.py --rows 100000 --rounds 3)

Runs in a scratch database (labourhub_bench_postcodes) on the configured PostgreSQL
server, or the embedded one when DATABASE_URL is unset, and drops it afterwards; the
file is written to a temporary folder and removed.
"""

import argparse
import csv
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labourhub.settings.dev")

from scratch_database import drop, start_django_on  # noqa: E402 - bench/

BENCH_DATABASE = "labourhub_bench_postcodes"
FULL_FILE_ROWS = 2_700_000
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--rows", type=int, default=100_000)
parser.add_argument("--rounds", type=int, default=3)
ARGS = parser.parse_args()
SERVER = start_django_on(BENCH_DATABASE)

from django.core.management import call_command  # noqa: E402 - Django is set up above

from constituencies.constituency_list import BUNDLED_CONSTITUENCIES_CSV  # noqa: E402
from constituencies.postcodes.models import Postcode  # noqa: E402

# Two-letter postcode areas: 120,000 postcodes each here (30 districts x 10 sectors x 400
# units), enough for the whole file.
AREAS = [
    "AL",
    "BA",
    "BB",
    "BD",
    "BH",
    "BL",
    "BN",
    "BR",
    "BS",
    "CA",
    "CB",
    "CF",
    "CH",
    "CM",
    "CO",
    "CR",
    "CT",
    "CV",
    "CW",
    "DA",
    "DD",
    "DE",
    "DG",
    "DH",
    "DL",
    "DN",
    "DT",
]
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
COLUMNS = [
    "pcd7",
    "pcd8",
    "pcds",
    "dointr",
    "doterm",
    "usertype",
    "oseast1m",
    "osnrth1m",
    "osgrdind",
    "oa21",
    "cty",
    "ced",
    "laua",
    "ward",
    "nhser",
    "ctry",
    "rgn",
    "pcon",
    "ttwa",
    "itl",
    "npark",
    "lsoa21",
    "msoa21",
    "wz11",
    "sicbl",
    "bua24",
    "ruc21ind",
    "oac11",
    "lat",
    "long",
    "lep1",
    "lep2",
    "pfa",
    "imd",
    "icb",
]


def _postcode(number: int) -> str:
    unit = UNIT_LETTERS[number % 20] + UNIT_LETTERS[number // 20 % 20]
    sector = number // 400 % 10
    district = number // 4000 % 30 + 1
    return f"{AREAS[number // 120_000]}{district} {sector}{unit}"


def write_nspl(path: Path, rows: int) -> None:
    """An NSPL-like CSV of `rows` distinct postcodes, the same every time."""
    rng = random.Random(13)
    with open(BUNDLED_CONSTITUENCIES_CSV, encoding="utf-8") as handle:
        codes = [row["PCON25CD"] for row in csv.DictReader(handle)]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for number in range(rows):
            postcode = _postcode(number)
            outward, inward = postcode.split()
            terminated = rng.random() < 0.33
            placed = rng.random() > 0.005
            writer.writerow(
                [
                    f"{outward:<4}{inward}",
                    f"{outward:<5}{inward}",
                    postcode,
                    "198001",
                    f"{rng.randint(1985, 2025)}{rng.randint(1, 12):02}" if terminated else "",
                    "0",
                    "358000",
                    "173000",
                    "1",
                    "E00073000",
                    "E99999999",
                    "E99999999",
                    "E06000023",
                    "E05010900",
                    "E40000006",
                    "E92000001",
                    "E12000009",
                    rng.choice(codes),
                    "E30000180",
                    "E08000035",
                    "E65000001",
                    "E01014500",
                    "E02003000",
                    "E33000100",
                    "E38000222",
                    "E63000100",
                    "UN1",
                    "2B1",
                    f"{rng.uniform(50, 58):.6f}" if placed else "99.999999",
                    f"{rng.uniform(-5, 1.7):.6f}" if placed else "0.000000",
                    "E37000023",
                    "",
                    "E23000035",
                    str(rng.randint(1, 32844)),
                    "E54000039",
                ]
            )


def _import(path: Path) -> float:
    started = time.perf_counter()
    call_command("import_postcodes", str(path), "--no-progress", stdout=io.StringIO())
    return time.perf_counter() - started


def _row(label: str, seconds: list[float], rows: int) -> str:
    median = statistics.median(seconds)
    return (
        f"{label:<22}{min(seconds):>9.2f}{median:>9.2f}{max(seconds):>9.2f}"
        f"{rows / median:>12,.0f}{FULL_FILE_ROWS / (rows / median):>14.0f}"
    )


def main(args) -> None:
    try:
        call_command("migrate_schemas", shared=True, verbosity=0)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "NSPL_bench.csv"
            print(f"Writing {args.rows:,} NSPL-like rows…", flush=True)
            write_nspl(path, args.rows)
            print(f"{path.stat().st_size / 1e6:.0f} MB; {args.rounds} rounds.", flush=True)
            first, again = [], []
            for _ in range(args.rounds):
                Postcode.objects.all().delete()
                first.append(_import(path))
                assert Postcode.objects.count() == args.rows
                again.append(_import(path))
        print()
        print(
            f"{'import_postcodes':<22}{'min s':>9}{'median s':>9}{'max s':>9}"
            f"{'rows/s':>12}{'2.7M rows, s':>14}"
        )
        print(_row("first import", first, args.rows))
        print(_row("re-import (no change)", again, args.rows))
        if args.rows < FULL_FILE_ROWS:
            print(
                "\n2.7M-row figures are extrapolated linearly from the median; run with "
                "--rows 2700000 to measure the whole size (about 800 MB of CSV)."
            )
    finally:
        drop(SERVER, BENCH_DATABASE)


if __name__ == "__main__":
    main(ARGS)
