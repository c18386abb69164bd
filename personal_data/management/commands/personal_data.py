"""`manage.py personal_data SUBCOMMAND`: answer a person's requests about their data
from the command line, as central staff do from the hub's "Personal data" screens.

    manage.py personal_data export EMAIL --reason "..." [--out FILE]

Each subcommand has its own `add_<name>` (its arguments) and `handle_<name>` (what it
does); the request and the audit entry are recorded as from the screens, with no one
as the actor."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from personal_data.exporting import download_name, export_now
from personal_data.models import PersonalDataRequest

SUBCOMMANDS = ("export",)


class Command(BaseCommand):
    help = "Find, export or erase everything the platform holds about a person."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        for name in SUBCOMMANDS:
            getattr(self, f"add_{name}")(subcommands)

    def handle(self, *args, subcommand, **options):
        return getattr(self, f"handle_{subcommand}")(**options)

    # export

    def add_export(self, subcommands):
        parser = subcommands.add_parser(
            "export",
            help="Write a ZIP of everything held about EMAIL (subject access).",
            description="Search the hub and every constituency for EMAIL (and the other "
            "addresses linked to it) and write a ZIP: a JSON file per kind of record and "
            "summary.html, a readable summary. The export is recorded and audited.",
        )
        parser.add_argument("email")
        parser.add_argument("--reason", required=True, help="The request it answers.")
        parser.add_argument(
            "--out",
            type=Path,
            help="Where to write the ZIP (default ./personal-data-EMAIL-DATE.zip)",
        )

    def handle_export(self, *, email, reason, out=None, **options):
        email, reason = checked(email, reason)
        request = export_now(email, reason, progress=self._progress)
        self.stdout.write("")
        if request.status != PersonalDataRequest.Status.DONE:
            raise CommandError(f"The export did not finish: {request.failure}")
        out = out or Path(download_name(request))
        with request.file.open("rb") as source:
            out.write_bytes(source.read())
        records = sum(each["count"] for each in request.found)
        kinds = len({each["kind"] for each in request.found})
        self.stdout.write(
            f"{records} record{'s' if records != 1 else ''} of {kinds} kind"
            f"{'s' if kinds != 1 else ''} written to {out} (request {request.pk})."
        )

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"\rSearching: {done} of {total} schemas", ending="")
        self.stdout.flush()


def checked(email: str, reason: str) -> tuple[str, str]:
    """The email address and the reason, or CommandError saying what is wrong."""
    email, reason = email.strip(), reason.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise CommandError(f"{email!r} is not an email address.") from None
    if not reason:
        raise CommandError("Say why (--reason): the request this answers.")
    return email, reason
