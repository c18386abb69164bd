"""The postcode tests' fixtures: NSPL-shaped files and a postcode table to look in."""

import csv

import pytest

from constituencies.postcodes.importing import import_postcodes
from constituencies.postcodes.remote import resume_postcode_service

NSPL_COLUMNS = [
    "pcd7",
    "pcd8",
    "pcds",
    "dointr",
    "doterm",
    "usertype",
    "ctry",
    "pcon",
    "lat",
    "long",
]


def nspl_row(pcds, pcon, doterm="", lat="51.500000", long="-2.500000"):
    return {"pcds": pcds, "pcon": pcon, "doterm": doterm, "lat": lat, "long": long}


@pytest.fixture(autouse=True)
def _service_not_paused():
    """A failure of the postcode service in one test must not pause it for the next."""
    resume_postcode_service()
    yield
    resume_postcode_service()


@pytest.fixture
def nspl_file(tmp_path):
    """`nspl_file(rows, columns=...)` writes an NSPL-like CSV and returns its path; each
    row is a dict of the columns it fills (nspl_row makes one)."""
    count = iter(range(1000))

    def _write(rows, columns=NSPL_COLUMNS):
        path = tmp_path / f"nspl-{next(count)}.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({"dointr": "198001", "usertype": "0", **row})
        return path

    return _write


@pytest.fixture
def postcodes_of_a_and_b(clp_a, clp_b, nspl_file):
    """TF1 1AA in constituency A, CF99 1AB in B, TF1 9ZZ once in A and terminated,
    BS1 5TR in Bristol Central (a real constituency with no site in the tests) and
    TF2 2AB in a constituency that is not on the shipped list."""
    import_postcodes(
        nspl_file(
            [
                nspl_row("TF1 1AA", clp_a.gss_code, lat="52.100000", long="-2.100000"),
                nspl_row("CF99 1AB", clp_b.gss_code),
                nspl_row("TF1 9ZZ", clp_a.gss_code, doterm="201906"),
                nspl_row("BS1 5TR", "E14001131"),
                nspl_row("TF2 2AB", "E14999999"),
            ]
        )
    )
