import time

from django.core.management.base import BaseCommand, CommandError

from constituencies.backup import BackupError, import_constituency


class Command(BaseCommand):
    help = (
        "Restore a constituency from an archive written by export_constituency: as a new "
        "constituency (under its own slug or another), or over the one holding the slug "
        "with --replace. All or nothing (docs/backup.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by export_constituency.")
        parser.add_argument("--slug", help="Restore under this slug (default: the archive's).")
        parser.add_argument(
            "--gss-code",
            help="The new constituency's GSS code (default: the archive's); needed beside "
            "the original in the same database.",
        )
        parser.add_argument("--name", help="The new constituency's name (default: the archive's).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="If the slug is taken, replace that constituency's content with the archive's "
            "(it keeps its name, GSS code and domains).",
        )
        parser.add_argument(
            "--custom-domains",
            action="store_true",
            help="Also give a new constituency the archive's custom domains (the primary one "
            "stays primary). Without it, it answers on <slug>.<platform domain> only.",
        )
        parser.add_argument(
            "--send-queued-email",
            action="store_true",
            help="Leave the site's unsent emails queued, to be sent from here. Without it they "
            "are held (marked failed), so a staging copy never writes to real people.",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            summary = import_constituency(
                options["archive"],
                slug=options["slug"],
                name=options["name"],
                gss_code=options["gss_code"],
                replace=options["replace"],
                custom_domains=options["custom_domains"],
                send_queued_email=options["send_queued_email"],
                progress=self.stdout.write,
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        constituency = summary.constituency
        for email in summary.users_created:
            self.stdout.write(f"Created inactive user {email} (unknown here).")
        for column, (nulled, deleted) in summary.references_dropped.items():
            self.stdout.write(
                self.style.WARNING(
                    f"{column}: {nulled} reference(s) to rows unknown here emptied, "
                    f"{deleted} row(s) that need one left out."
                )
            )
        if summary.skipped_shared_rows:
            self.stdout.write(
                self.style.WARNING(f"{summary.skipped_shared_rows} shared row(s) left out.")
            )
        if summary.held_emails:
            self.stdout.write(f"{summary.held_emails} unsent email(s) held, not sent.")
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Restored over' if summary.replaced else 'Restored'} {constituency.name} "
                f"({constituency.gss_code}) at {constituency.primary_domain} in "
                f"{time.monotonic() - started:.1f} s: {summary.tables} tables, "
                f"{summary.rows:,} rows, {summary.shared_rows} shared rows, "
                f"{summary.media_files} media files."
            )
        )
