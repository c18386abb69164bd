"""Importing member records from the membership system's CSV export.

Idempotent: a row updates the member with its membership number, or creates one. Each
row stands alone: a bad row is reported with its line number and the good rows are
kept. New members (and members still without an account who were never invited) are
sent an invitation to set a password.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from constituencies.models import Constituency
from labourhub.celery import enqueue_after_commit

from .joining import send_invitation
from .models import MEMBERSHIP_NUMBER, Member

REQUIRED_COLUMNS = ("membership_number", "name", "email", "gss_code")
COLUMN_ALIASES = {
    "membership number": "membership_number",
    "member number": "membership_number",
    "clp": "gss_code",
    "gss code": "gss_code",
    "constituency": "gss_code",
}
MAX_ROWS = 500_000


@dataclass
class RowError:
    line: int
    membership_number: str
    message: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invited: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


class ImportFileError(ValidationError):
    """The file as a whole can't be read (not CSV, missing columns)."""


def _column(name: str) -> str:
    key = (name or "").strip().lower().replace("-", " ")
    return COLUMN_ALIASES.get(key, key.replace(" ", "_"))


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("The file is not text. Export the member list as CSV.")


def import_members(data: bytes | str, *, invite: bool = True) -> ImportReport:
    """Import every row of a CSV of members; see the module docstring."""
    reader = csv.DictReader(io.StringIO(_decode(data)))
    if not reader.fieldnames:
        raise ImportFileError("The file is empty.")
    columns = {_column(name): name for name in reader.fieldnames}
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(
            f"The file has no {', '.join(missing)} column. It needs: {', '.join(REQUIRED_COLUMNS)}"
            " (and optionally status)."
        )
    constituencies = {c.gss_code: c for c in Constituency.objects.sites()}
    report = ImportReport()
    seen_numbers: set[str] = set()
    for line, raw in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            report.errors.append(RowError(line, "", f"Stopped after {MAX_ROWS} rows."))
            break
        row = {name: (raw.get(original) or "").strip() for name, original in columns.items()}
        number = row["membership_number"].upper()
        try:
            values = _validated(row, constituencies)
            if number in seen_numbers:
                raise ValidationError("This membership number appears twice in the file.")
            seen_numbers.add(number)
            with transaction.atomic():
                outcome, member = _upsert(number, values)
                if (
                    invite
                    and member.user_id is None
                    and member.invited_at is None
                    and member.is_active
                ):
                    enqueue_after_commit(send_invitation, member.pk)
                    report.invited += 1
        except ValidationError as error:
            report.errors.append(RowError(line, number, " ".join(error.messages)))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def _validated(row: dict, constituencies: dict) -> dict:
    problems = []
    number = row["membership_number"].upper()
    if not MEMBERSHIP_NUMBER.match(number):
        problems.append(f"“{row['membership_number']}” is not a membership number.")
    if not row["name"]:
        problems.append("The name is missing.")
    try:
        validate_email(row["email"])
    except ValidationError:
        problems.append(f"“{row['email']}” is not an email address.")
    constituency = constituencies.get(row["gss_code"].upper())
    if constituency is None:
        problems.append(f"No constituency has the GSS code “{row['gss_code']}”.")
    status = (row.get("status") or "active").lower()
    if status not in Member.Status.values:
        problems.append(f"The status must be active or lapsed, not “{row.get('status')}”.")
    if problems:
        raise ValidationError(problems)
    return {
        "name": row["name"],
        "email": row["email"].lower(),
        "constituency": constituency,
        "status": status,
    }


def _upsert(number: str, values: dict) -> tuple[str, Member]:
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
    for name in changed:
        setattr(member, name, values[name])
    member.save()
    return "updated", member
