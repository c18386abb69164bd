"""Lists of constituencies: reading one (the shipped 2024 list, or a CSV staff give the
bulk command), and checking a name and GSS code against the shipped list, so that a
typo or a code pasted from the wrong row never becomes a constituency's schema and site.

A name that differs from the list only in case, accents, spacing, dashes or apostrophes
is the listed one, and is stored as the list spells it. Anything else that disagrees
with the list (another name for a listed code, or a code the list does not have) is
refused unless staff give a reason to override it: boundaries and names change before
a new list is shipped, and a site must not wait for it. The reason goes to the audit log.
"""

import csv
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError

from .models import GREAT_BRITAIN, Nation

BUNDLED_CONSTITUENCIES_CSV = (
    Path(__file__).parent / "data" / "uk-parliamentary-constituencies-2024.csv"
)
NAME_COLUMN, CODE_COLUMN = "PCON25NM", "PCON25CD"
# Optional in a staff CSV: why a row may differ from the shipped list.
OVERRIDE_COLUMN = "override_reason"
OVERRIDE_HINT = "or override the list with a reason"

_SAME_CHARACTERS = str.maketrans({"‘": "'", "’": "'", "`": "'", "–": "-", "—": "-", "‐": "-"})


@dataclass(frozen=True)
class ConstituencyListing:
    """One row of a constituency list: a name and its GSS code, or what is wrong with it
    (a bulk run reports that row and goes on with the rest)."""

    name: str
    gss_code: str
    line: int = 0
    problem: str = ""
    override_reason: str = ""

    @property
    def nation(self) -> str:
        return self.gss_code[:1].upper()

    def __str__(self) -> str:
        if self.name and self.gss_code:
            return f"{self.name} ({self.gss_code})"
        return f"the row on line {self.line}"


def _row_problem(line: int, name: str, code: str) -> str:
    if not name and not code:
        return f"Line {line} has neither a name nor a GSS code."
    if not name:
        return f"Line {line} has no name for {code}."
    if not code:
        return f"Line {line} has no GSS code for {name}."
    return ""


def read_constituency_list(source: Path | str | io.TextIOBase) -> list[ConstituencyListing]:
    """Read a constituency list (columns PCON25NM and PCON25CD, like the shipped one, and
    optionally override_reason). A row without a name or a code comes back with its
    problem; a list without those columns raises ValidationError."""
    if isinstance(source, Path | str):
        with open(source, newline="", encoding="utf-8-sig") as handle:
            return read_constituency_list(handle)
    reader = csv.DictReader(source)
    missing = {NAME_COLUMN, CODE_COLUMN} - set(reader.fieldnames or [])
    if missing:
        raise ValidationError(f"The list has no {', '.join(sorted(missing))} column.")
    listings = []
    for line, row in enumerate(reader, start=2):
        name = " ".join((row[NAME_COLUMN] or "").split())
        code = (row[CODE_COLUMN] or "").strip().upper()
        listings.append(
            ConstituencyListing(
                name=name,
                gss_code=code,
                line=line,
                problem=_row_problem(line, name, code),
                override_reason=" ".join((row.get(OVERRIDE_COLUMN) or "").split()),
            )
        )
    return listings


def listings_for_nation(
    listings: Iterable[ConstituencyListing], nation: str
) -> list[ConstituencyListing]:
    """`nation` is GB (England, Scotland and Wales), UK (all four) or one nation's
    letter or name."""
    nation = nation.strip().upper()
    if nation == "UK":
        return list(listings)
    if nation == "GB":
        letters = {n.value for n in GREAT_BRITAIN}
    else:
        by_name = {n.label.upper(): n.value for n in Nation}
        letter = by_name.get(nation, nation)
        if letter not in Nation.values:
            raise ValidationError(f"Unknown nation {nation!r}: use GB, UK, E, S, W or N.")
        letters = {letter}
    # A row with a problem is kept whatever its nation, so that the run reports it.
    return [listing for listing in listings if listing.nation in letters or listing.problem]


@cache
def _shipped_names() -> dict[str, str]:
    return {
        listing.gss_code: listing.name
        for listing in read_constituency_list(BUNDLED_CONSTITUENCIES_CSV)
        if not listing.problem
    }


def listed_name(gss_code: str) -> str | None:
    """The shipped list's name for this GSS code, or None if the list does not have it."""
    return _shipped_names().get((gss_code or "").strip().upper())


def comparable(name: str) -> str:
    """`name` with the differences that do not make it another name taken out."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_SAME_CHARACTERS))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.replace("&", " and ").casefold().split())


@dataclass(frozen=True)
class ListCheck:
    """What the shipped list says of a name and GSS code: the name to store (the list's
    spelling when they agree), and the override to record when they do not."""

    name: str
    errors: dict[str, list[str]]
    override: dict[str, str | None]


def check_against_list(name: str, gss_code: str, override_reason: str = "") -> ListCheck:
    """Compare `name` with the shipped list's name for `gss_code`. A disagreement is an
    error on the field at fault, unless `override_reason` says why; then it is the
    override to record. Call it with a well-formed code and a name."""
    override_reason = " ".join((override_reason or "").split())
    expected = listed_name(gss_code)
    if expected is not None and comparable(expected) == comparable(name):
        return ListCheck(name=expected, errors={}, override={})
    if expected is None:
        field, message = (
            "gss_code",
            f"{gss_code} is not in the list of constituencies (the 2024 boundaries). Check "
            f"the code, {OVERRIDE_HINT}.",
        )
    else:
        field, message = (
            "name",
            f"The list of constituencies names {gss_code} “{expected}”, not “{name}”. "
            f"Use the listed name, {OVERRIDE_HINT}.",
        )
    if override_reason:
        override = {"override_reason": override_reason, "listed_name": expected}
        return ListCheck(name=name, errors={}, override=override)
    return ListCheck(name=name, errors={field: [message]}, override={})
