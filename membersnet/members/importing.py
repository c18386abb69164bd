"""Importing member records from the membership system's CSV export.

Idempotent: a row updates the member with its membership number, or creates one. Each
row stands alone: a bad row is reported with its line number and the good rows are
kept. A file damaged part-way (a quotation mark never closed, a field far too long, a
NUL byte) is imported up to the damage, which is reported with its line. New members
(and members still without an account who were never invited) are sent an invitation
to set a password. A member whose membership lapses, or who moves to another
constituency, stops holding office in the old one that day (see `membership`).

Staff import through the hub's admin, which keeps the file and imports it in the
background (`start_import`, then the `run_member_import` task); scripts call
`import_members` directly (the `import_members` command).
"""

import codecs
import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from constituencies.models import Constituency
from labourhub.celery import enqueue_after_commit

from .joining import SEND_INVITATION
from .membership import Standing, membership_changed
from .models import MEMBERSHIP_NUMBER, Member, MemberImport

REQUIRED_COLUMNS = ("membership_number", "name", "email", "gss_code")
COLUMN_ALIASES = {
    "membership number": "membership_number",
    "member number": "membership_number",
    "clp": "gss_code",
    "gss code": "gss_code",
    "constituency": "gss_code",
}
MAX_ROWS = 500_000
# Excel saves CSV as Windows-1252 unless told otherwise.
ENCODINGS = ("utf-8-sig", "cp1252")
CHUNK_BYTES = 1024 * 1024
HEADER_BYTES = 64 * 1024
PROGRESS_EVERY = 1000
# An import still queued after this was probably never sent (the broker was down).
REQUEUE_AFTER_MINUTES = 10
RUN_MEMBER_IMPORT = "membersnet.members.tasks.run_member_import"  # .tasks imports this module


@dataclass
class RowError:
    line: int
    membership_number: str
    message: str


@dataclass
class ImportReport:
    """What an import did. `errors` holds the first `error_limit` row errors (all of
    them without a limit); `error_count` counts every one."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invited: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    error_limit: int | None = None

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    def add_error(self, line: int, membership_number: str, message: str) -> None:
        self.error_count += 1
        if self.error_limit is None or len(self.errors) < self.error_limit:
            self.errors.append(RowError(line, membership_number, message))


class ImportFileError(ValidationError):
    """The file as a whole can't be read (not CSV, missing columns)."""


NOT_TEXT = "The file is not text. Export the member list as CSV (UTF-8)."
FIRST_LINE_NOT_CSV = "The file's first line can't be read as CSV column names."


def _column(name: str) -> str:
    key = (name or "").strip().lower().replace("-", " ")
    return COLUMN_ALIASES.get(key, key.replace(" ", "_"))


def _columns(fieldnames) -> dict[str, str]:
    """Our name for each column -> its name in the file."""
    if not fieldnames:
        raise ImportFileError("The file is empty.")
    columns = {_column(name): name for name in fieldnames}
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(
            f"The file has no {', '.join(missing)} column{'s' if len(missing) > 1 else ''}. "
            f"It needs: {', '.join(REQUIRED_COLUMNS)} (and optionally status)."
        )
    return columns


def _encoding(file: BinaryIO) -> str:
    """The first encoding that reads the whole file, read a chunk at a time."""
    for encoding in ENCODINGS:
        file.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for chunk in iter(lambda: file.read(CHUNK_BYTES), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        file.seek(0)
        return encoding
    raise ImportFileError(NOT_TEXT)


def check_file(file: BinaryIO) -> None:
    """Raise ImportFileError if the file can't be imported at all: not text, empty, or
    without the columns. Reads the file through once (a chunk at a time) and leaves it
    at the start. Damage further on is left for the import to report."""
    encoding = _encoding(file)
    head = file.read(HEADER_BYTES)
    file.seek(0)
    text = codecs.getincrementaldecoder(encoding)().decode(head)
    if "\x00" in text.partition("\n")[0]:
        raise ImportFileError(NOT_TEXT)  # a spreadsheet, or text saved as UTF-16
    try:
        header = next(csv.reader(io.StringIO(text, newline=""), strict=True), None)
    except csv.Error:
        raise ImportFileError(FIRST_LINE_NOT_CSV) from None
    _columns(header)


def import_members(
    data: bytes | str | BinaryIO,
    *,
    invite: bool = True,
    error_limit: int | None = None,
    progress: Callable[[ImportReport], None] | None = None,
    by=None,
) -> ImportReport:
    """Import every row of a CSV of members; see the module docstring. `data` is the
    CSV's text, its bytes or a binary file. `progress(report)` is called every
    `PROGRESS_EVERY` rows. `by` is who uploaded it (None from the command)."""
    if isinstance(data, str):
        text = io.StringIO(data, newline="")
    else:
        file = io.BytesIO(data) if isinstance(data, bytes) else data
        text = io.TextIOWrapper(file, encoding=_encoding(file), newline="")
    try:
        return _import_rows(csv.DictReader(text, strict=True), invite, error_limit, progress, by)
    finally:
        if isinstance(text, io.TextIOWrapper):
            text.detach()  # the caller's file stays open


def _import_rows(reader, invite, error_limit, progress, by) -> ImportReport:
    try:
        fieldnames = reader.fieldnames
    except csv.Error:
        raise ImportFileError(FIRST_LINE_NOT_CSV) from None
    columns = _columns(fieldnames)
    constituencies = {c.gss_code: c for c in Constituency.objects.sites()}
    report = ImportReport(error_limit=error_limit)
    seen_numbers: set[str] = set()
    rows = 0
    last_line = reader.line_num  # where the last row read (or the header) ends
    while True:
        try:
            raw = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            report.add_error(last_line + 1, "", _damaged(f"it can't be read as CSV ({error})"))
            break
        line = reader.line_num
        rows += 1
        if rows > MAX_ROWS:
            report.add_error(line, "", f"Stopped after {MAX_ROWS} rows.")
            break
        if progress and rows % PROGRESS_EVERY == 0:
            progress(report)
        row = {name: (raw.get(original) or "").strip() for name, original in columns.items()}
        if any("\x00" in value for value in row.values()):
            report.add_error(line, "", _damaged("it holds a NUL character"))
            break
        if any("\n" in value or "\r" in value for value in row.values()):
            # None of these values spans lines: a quotation mark was left open, and
            # the lines after it were read as part of one value.
            report.add_error(last_line + 1, "", _damaged("a quotation mark is not closed"))
            break
        last_line = line
        number = row["membership_number"].upper()
        try:
            values = _validated(row, constituencies)
            if number in seen_numbers:
                raise ValidationError("This membership number appears twice in the file.")
            seen_numbers.add(number)
            with transaction.atomic():
                outcome, member = _upsert(number, values, by)
                if (
                    invite
                    and member.user_id is None
                    and member.invited_at is None
                    and member.is_active
                ):
                    # Marked now, not only once sent, so that importing the file again
                    # before the invitations go out does not invite anyone twice.
                    Member.objects.filter(pk=member.pk).update(invited_at=timezone.now())
                    enqueue_after_commit(SEND_INVITATION, member.pk)
                    report.invited += 1
        except ValidationError as error:
            report.add_error(line, number, " ".join(error.messages))
            continue
        except IntegrityError:
            report.add_error(
                line,
                number,
                "Another change saved this membership number or email address at the same "
                "moment. Import the file again to check this row.",
            )
            continue
        except DataError:
            report.add_error(line, number, "A value in this row can't be stored.")
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def _shown(value: str, limit: int = 60) -> str:
    """A value from the file, cut short for a message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _damaged(why: str) -> str:
    return (
        f"The file is damaged from this line: {why}. The rows before it were imported; "
        "fix the file and import it again."
    )


def _validated(row: dict, constituencies: dict) -> dict:
    problems = []
    number = row["membership_number"].upper()
    if not MEMBERSHIP_NUMBER.match(number):
        problems.append(f"“{_shown(row['membership_number'])}” is not a membership number.")
    if not row["name"]:
        problems.append("The name is missing.")
    try:
        validate_email(row["email"])
    except ValidationError:
        problems.append(f"“{_shown(row['email'])}” is not an email address.")
    constituency = constituencies.get(row["gss_code"].upper())
    if constituency is None:
        problems.append(f"No constituency has the GSS code “{_shown(row['gss_code'])}”.")
    status = (row.get("status") or "active").lower()
    if status not in Member.Status.values:
        problems.append(f"The status must be active or lapsed, not “{_shown(row['status'])}”.")
    if problems:
        raise ValidationError(problems)
    return {
        "name": row["name"],
        "email": row["email"].lower(),
        "constituency": constituency,
        "status": status,
    }


def _upsert(number: str, values: dict, by=None) -> tuple[str, Member]:
    clash = Member.objects.filter(email__iexact=values["email"]).exclude(membership_number=number)
    if clash.exists():
        raise ValidationError(
            f"The email address is already on membership {clash.first().membership_number}."
        )
    member = Member.objects.select_for_update().filter(membership_number=number).first()
    if member is None:
        member = Member(membership_number=number, **values)
        member.full_clean(exclude=["user"])
        member.save()
        return "created", member
    changed = [name for name, value in values.items() if getattr(member, name) != value]
    if member.user_id and "email" in changed and member.user.email.lower() != values["email"]:
        raise ValidationError(
            "This member already has an account under another email address; change it "
            "in their account, not by import."
        )
    if not changed:
        return "unchanged", member
    before = Standing.of(member)
    for name in changed:
        setattr(member, name, values[name])
    if "email" in changed and member.user_id is None:
        # An invitation already sent went to the old address, and no longer works
        # (see joining.invitation_token): invite the new one.
        member.invited_at = None
    member.clean_fields(exclude=["user", "constituency"])
    member.save()
    membership_changed(member, before, by=by, source="member list import")
    return "updated", member


# --- in the background, from the hub's admin ------------------------------------------


def start_import(upload, *, invite: bool, started_by) -> MemberImport:
    """Keep the uploaded file (in private storage) and queue its import. Raises
    ImportFileError, saving nothing, if the file can't be imported at all."""
    check_file(upload)
    member_import = MemberImport(
        file_name=(upload.name or "members.csv")[-255:],
        send_invitations=invite,
        started_by=started_by,
    )
    member_import.file.save("members.csv", upload, save=False)  # named by upload_to
    try:
        with transaction.atomic():
            member_import.save()
            enqueue_after_commit(RUN_MEMBER_IMPORT, member_import.pk)
    except BaseException:
        member_import.file.delete(save=False)
        raise
    return member_import


def run_import(import_id: int, task_id: str | None) -> str:
    """Import a file kept by `start_import`, store the report and delete the file. An
    import already finished, or running under another message, is left alone. Run by
    the run_member_import task, whose id is `task_id`."""
    member_import = _claim(import_id, task_id)
    if member_import is None:
        return "nothing to do"
    try:
        with member_import.file.open("rb") as file:
            report = import_members(
                file,
                invite=member_import.send_invitations,
                error_limit=MemberImport.MAX_ERRORS,
                progress=member_import.record_progress,
                by=member_import.started_by,
            )
    except ImportFileError as error:
        member_import.fail(" ".join(error.messages))
        return "failed"
    except Exception:
        member_import.fail(
            "The import stopped because of an unexpected error (it has been logged). Rows "
            "imported before it stopped are kept: upload the file again to finish."
        )
        raise
    member_import.finish(report)
    return "finished"


def _claim(import_id: int, task_id: str | None) -> MemberImport | None:
    """Mark the import running under this task and return it, or None if it is done
    or another message is running it."""
    with transaction.atomic():
        member_import = MemberImport.objects.select_for_update().filter(pk=import_id).first()
        if member_import is None or member_import.is_done:
            return None
        running = member_import.status == MemberImport.Status.RUNNING
        if running and member_import.task_id != (task_id or ""):
            return None
        member_import.status = MemberImport.Status.RUNNING
        member_import.task_id = task_id or ""
        member_import.started_at = timezone.now()
        member_import.save(update_fields=["status", "task_id", "started_at"])
    return member_import


def waiting_import_ids() -> list[int]:
    """The imports never started (the broker was down when they were queued)."""
    waiting = MemberImport.objects.filter(
        status=MemberImport.Status.QUEUED,
        created_at__lt=timezone.now() - dt.timedelta(minutes=REQUEUE_AFTER_MINUTES),
    )
    return list(waiting.values_list("pk", flat=True))
