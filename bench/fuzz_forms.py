"""Fuzzing every public form and query parameter: the property-based tests of
tests/platform/test_public_input_properties.py, with 770 examples each (10,000 in all
over its 13 tests) instead of the test suite's 20; `--examples 10000` runs 10,000 each
(about two and a half hours).

    make bench-fuzz        (or: .venv/bin/python bench/fuzz_forms.py [-k contact] [--examples N])

Runs pytest against the test database (as `make test` does) with the `fuzz` Hypothesis
profile and prints, per test, the examples run and the failures found, then the totals.
A failure is printed in full by pytest (the smallest input Hypothesis found), and the
script exits non-zero.
"""

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = "tests/platform/test_public_input_properties.py"
# Hypothesis's statistics: a test's name, then one line per phase.
_TEST = re.compile(r"^(\S+::\S+):$")
_COUNTS = re.compile(r"(\d+) passing, (\d+) failing, and (\d+) invalid")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", dest="select", help="only the tests whose names match")
    parser.add_argument("--examples", type=int, default=770, help="examples per test")
    args = parser.parse_args()
    command = [
        sys.executable,
        "-m",
        "pytest",
        TESTS,
        "-q",
        "--hypothesis-show-statistics",
        *(["-k", args.select] if args.select else []),
    ]
    env = {
        **os.environ,
        "HYPOTHESIS_PROFILE": "fuzz",
        "FUZZ_EXAMPLES": str(args.examples),
        "DJANGO_SETTINGS_MODULE": "labourhub.settings.test",
    }
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 - our own interpreter, our own arguments
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.monotonic() - started
    print(result.stdout if result.returncode else "", end="")
    print(result.stderr, end="", file=sys.stderr)

    totals = {"examples": 0, "failures": 0}
    test = None
    print(f"\n{'test':<80} {'examples':>9} {'failures':>9}")
    counts: dict[str, list[int]] = {}
    for line in result.stdout.splitlines():
        if match := _TEST.match(line.strip()):
            test = match.group(1).split("::")[-1]
            counts[test] = [0, 0]
        elif test and (match := _COUNTS.search(line)):
            passing, failing, invalid = map(int, match.groups())
            counts[test][0] += passing + failing + invalid
            counts[test][1] += failing
    for name, (examples, failures) in counts.items():
        print(f"{name:<80} {examples:>9,} {failures:>9,}")
        totals["examples"] += examples
        totals["failures"] += failures
    print(
        f"{'total':<80} {totals['examples']:>9,} {totals['failures']:>9,}"
        f"   ({elapsed / 60:.1f} minutes)"
    )
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
