"""Loading the ONS postcode lookup (NSPL or ONSPD, about 2.7 million rows) into the
postcode table: streamed, in batches, each copied into a temporary table and merged
with one INSERT ... ON CONFLICT, all in one transaction (a failed import changes nothing).

Re-importing the same file changes no row; a newer file updates the rows that changed.
Postcodes missing from the file are kept unless `replace` is asked for: the ONS files
never drop a postcode (a terminated one stays, with its date of termination), so a
missing postcode means a partial file (one region, the demo sample), not a closed one."""

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from constituencies.page_cache import purge_directory

from . import normalise_postcode
from .models import Postcode

POSTCODE_COLUMN = "pcds"
CONSTITUENCY_COLUMNS = ("pcon",)  # newer files suffix it with the boundaries' year: pcon24cd
_CONSTITUENCY_COLUMN = re.compile(r"^pcon\d{2}cd$")
TERMINATED_COLUMN = "doterm"
LATITUDE_COLUMN, LONGITUDE_COLUMN = "lat", "long"
# The ONS files' latitude for a postcode with no grid reference (its longitude is 0).
NO_POSITION_LATITUDE = 99.999999
# The Channel Islands and the Isle of Man are in the files but elect no MP.
_NO_CONSTITUENCY_CODES = {"L99999999", "M99999999"}
_GSS_CODE = re.compile(r"^[ENSW]\d{8}$")
_YEAR_MONTH = re.compile(r"^(\d{4})(\d{2})$")
BATCH_SIZE = 50_000
BAD_ROWS_KEPT = 20


class PostcodeFileError(Exception):
    """The file cannot be imported at all (no such file, a column missing)."""


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str

    def __str__(self):
        return f"line {self.line}: {self.reason}"


@dataclass
class ImportReport:
    rows: int = 0  # data rows read
    added: int = 0
    changed: int = 0
    removed: int = 0  # only with replace
    outside: int = 0  # Channel Islands and Isle of Man: no constituency
    bad: int = 0
    first_bad: list[BadRow] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        # Rows repeating a postcode in the same file count once, as unchanged.
        return self.rows - self.added - self.changed - self.outside - self.bad

    def __str__(self):
        text = (
            f"{self.rows:,} rows read: {self.added:,} postcodes added, {self.changed:,} changed, "
            f"{self.unchanged:,} unchanged, {self.outside:,} outside any constituency "
            f"(Channel Islands, Isle of Man), {self.bad:,} bad"
        )
        return text + (f", {self.removed:,} removed (not in the file)." if self.removed else ".")


@dataclass(frozen=True)
class _Columns:
    postcode: int
    constituency: int
    terminated: int | None
    latitude: int | None
    longitude: int | None

    @classmethod
    def from_header(cls, header: list[str]) -> "_Columns":
        names = [name.strip().lower() for name in header]
        constituency = next(
            (n for n in names if n in CONSTITUENCY_COLUMNS or _CONSTITUENCY_COLUMN.match(n)), None
        )
        missing = [
            label
            for label, present in (
                (POSTCODE_COLUMN, POSTCODE_COLUMN in names),
                ("pcon (or pcon24cd)", constituency is not None),
            )
            if not present
        ]
        if missing:
            raise PostcodeFileError(
                f"The file has no {' or '.join(missing)} column: is it the ONS postcode "
                "lookup (NSPL or ONSPD) in CSV?"
            )
        has_position = LATITUDE_COLUMN in names and LONGITUDE_COLUMN in names

        def index(name):
            return names.index(name) if name in names else None

        return cls(
            postcode=names.index(POSTCODE_COLUMN),
            constituency=names.index(constituency),
            terminated=index(TERMINATED_COLUMN),
            latitude=index(LATITUDE_COLUMN) if has_position else None,
            longitude=index(LONGITUDE_COLUMN) if has_position else None,
        )


def import_postcodes(
    source: Path | str | io.TextIOBase,
    *,
    replace: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import an ONS postcode lookup CSV (columns pcds and pcon, or pcon24cd; doterm, lat
    and long when present) into the postcode table, and return what changed. Bad rows
    are counted and the first few kept with their line and reason; the others are
    imported. With `replace`, postcodes not in the file are deleted. `progress` is
    called with the number of rows read after each batch. Raises PostcodeFileError when
    the file cannot be read as a postcode lookup at all."""
    if isinstance(source, Path | str):
        try:
            handle = open(source, newline="", encoding="utf-8-sig")  # noqa: SIM115
        except OSError as error:
            raise PostcodeFileError(f"Cannot read {source}: {error.strerror}.") from None
        with handle:
            return import_postcodes(
                handle, replace=replace, batch_size=batch_size, progress=progress
            )
    reader = csv.reader(source)
    header = next(reader, None)
    if header is None:
        raise PostcodeFileError("The file is empty.")
    columns = _Columns.from_header(header)
    report = ImportReport()
    with transaction.atomic(), connection.cursor() as cursor:
        _create_temporary_tables(cursor, replace)
        for batch in _batches(_parse(reader, columns, report), batch_size):
            _merge(cursor, batch, report, replace)
            if progress is not None:
                progress(report.rows)
        if replace:
            cursor.execute(
                f"DELETE FROM {_table()} p WHERE NOT EXISTS "  # noqa: S608 - our table's name
                "(SELECT 1 FROM postcodes_seen s WHERE s.postcode = p.postcode)"
            )
            report.removed = cursor.rowcount
        # Inside an outer transaction (a test's, a caller's) ON COMMIT comes too late for
        # the next import on this connection.
        cursor.execute("DROP TABLE IF EXISTS postcodes_incoming, postcodes_seen")
        purge_directory()  # its answers for postcodes may have changed
    return report


def _table() -> str:
    return connection.ops.quote_name(Postcode._meta.db_table)


def _parse(reader, columns: _Columns, report: ImportReport) -> Iterator[tuple]:
    """(line, postcode, gss_code, terminated_on, latitude, longitude) for each good row;
    (line, postcode) with the rest None for a bad row whose postcode is fine (so that
    replace keeps it); bad rows are counted in `report`."""
    width = max(c for c in vars(columns).values() if c is not None) + 1
    for row in reader:
        line = reader.line_num
        report.rows += 1
        if len(row) < width:
            _bad(report, line, f"it has {len(row)} fields, fewer than the header's columns")
            continue
        typed = row[columns.postcode]
        try:
            postcode = normalise_postcode(typed)
        except ValidationError:
            _bad(report, line, f"{typed.strip()!r} is not a UK postcode")
            continue
        gss_code = row[columns.constituency].strip().upper()
        if gss_code in _NO_CONSTITUENCY_CODES:
            report.outside += 1
            continue
        if not gss_code:
            _bad(report, line, f"{postcode} has no constituency code (pcon)")
            yield (line, postcode, None, None, None, None)
            continue
        if not _GSS_CODE.match(gss_code):
            _bad(report, line, f"{postcode}'s constituency code {gss_code!r} is not a GSS code")
            yield (line, postcode, None, None, None, None)
            continue
        terminated = row[columns.terminated].strip() if columns.terminated is not None else ""
        terminated_on = _month(terminated)
        if terminated and terminated_on is None:
            _bad(report, line, f"{postcode}'s doterm {terminated!r} is not a month (YYYYMM)")
            yield (line, postcode, None, None, None, None)
            continue
        latitude, longitude = _position(row, columns)
        yield (line, postcode, gss_code, terminated_on, latitude, longitude)


def _bad(report: ImportReport, line: int, reason: str) -> None:
    report.bad += 1
    if len(report.first_bad) < BAD_ROWS_KEPT:
        report.first_bad.append(BadRow(line, reason))


def _month(text: str) -> dt.date | None:
    match = _YEAR_MONTH.match(text)
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    return dt.date(int(match[1]), int(match[2]), 1)


def _position(row: list[str], columns: _Columns) -> tuple[float | None, float | None]:
    """The row's latitude and longitude, or neither: none given, the files' "no grid
    reference" value, or something that is not a position."""
    if columns.latitude is None:
        return None, None
    try:
        latitude, longitude = float(row[columns.latitude]), float(row[columns.longitude])
    except ValueError:
        return None, None
    if latitude == NO_POSITION_LATITUDE or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None, None
    return latitude, longitude


def _batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _create_temporary_tables(cursor, replace: bool) -> None:
    cursor.execute(
        'CREATE TEMPORARY TABLE postcodes_incoming (line integer, postcode text COLLATE "C", '
        'gss_code text COLLATE "C", '
        "terminated_on date, latitude double precision, longitude double precision) "
        "ON COMMIT DROP"
    )
    if replace:
        cursor.execute(
            'CREATE TEMPORARY TABLE postcodes_seen (postcode text COLLATE "C") ON COMMIT DROP'
        )


def _merge(cursor, batch: list[tuple], report: ImportReport, replace: bool) -> None:
    raw = cursor.cursor  # psycopg's own cursor, for COPY
    with raw.copy(
        "COPY postcodes_incoming (line, postcode, gss_code, terminated_on, latitude, longitude) "
        "FROM STDIN"
    ) as copy:
        for row in batch:
            copy.write_row(row)
    if replace:
        cursor.execute("INSERT INTO postcodes_seen SELECT postcode FROM postcodes_incoming")
    # A postcode twice in one batch takes its last row (one statement may not update a
    # row twice). Rows equal to the table's are left out before the INSERT: ON CONFLICT
    # would lock, and so write, every one of them even when its WHERE refuses the update.
    cursor.execute(
        f"""
        WITH written AS (
            INSERT INTO {_table()} AS p (postcode, gss_code, terminated_on, latitude, longitude)
            SELECT i.postcode, i.gss_code, i.terminated_on, i.latitude, i.longitude
            FROM (
                SELECT DISTINCT ON (postcode) *
                FROM postcodes_incoming WHERE gss_code IS NOT NULL
                ORDER BY postcode, line DESC
            ) i
            WHERE NOT EXISTS (
                SELECT 1 FROM {_table()} t
                WHERE t.postcode = i.postcode
                AND (t.gss_code, t.terminated_on, t.latitude, t.longitude)
                    IS NOT DISTINCT FROM (i.gss_code, i.terminated_on, i.latitude, i.longitude)
            )
            ON CONFLICT (postcode) DO UPDATE SET
                gss_code = EXCLUDED.gss_code,
                terminated_on = EXCLUDED.terminated_on,
                latitude = EXCLUDED.latitude,
                longitude = EXCLUDED.longitude
            WHERE (p.gss_code, p.terminated_on, p.latitude, p.longitude)
                IS DISTINCT FROM
                (EXCLUDED.gss_code, EXCLUDED.terminated_on, EXCLUDED.latitude, EXCLUDED.longitude)
            RETURNING xmax = 0 AS added
        )
        SELECT count(*) FILTER (WHERE added), count(*) FILTER (WHERE NOT added) FROM written
        """  # noqa: S608 - our table's name
    )
    added, changed = cursor.fetchone()
    report.added += added
    report.changed += changed
    cursor.execute("TRUNCATE postcodes_incoming")
