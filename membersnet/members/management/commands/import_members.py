from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from membersnet.members.importing import ImportFileError, import_members
from membersnet.members.models import MemberImport
from membersnet.members.signals import member_import_ended


class Command(BaseCommand):
    help = (
        "Import member records from a CSV (membership_number, name, email, gss_code[, status]). "
        "Idempotent; bad rows are reported and the rest imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--no-invitations", action="store_true", help="Don't email anyone.")

    def handle(self, *args, **options):
        path = options["file"]
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        try:
            with path.open("rb") as file:
                report = import_members(file, invite=not options["no_invitations"])
        except ImportFileError as error:
            raise CommandError(" ".join(error.messages)) from None
        member_import_ended.send(
            MemberImport,
            file_name=path.name,
            counts=MemberImport._counts(report),
            failure="",
            by=None,
        )
        for error in report.errors:
            self.stderr.write(
                f"Line {error.line} ({error.membership_number or '?'}): {error.message}"
            )
        self.stdout.write(
            f"{report.created} new, {report.updated} updated, {report.unchanged} unchanged, "
            f"{report.invited} invited, {report.error_count} rows with problems."
        )
