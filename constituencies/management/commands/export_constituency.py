import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from constituencies.backup import BackupError, export_constituency


class Command(BaseCommand):
    help = (
        "Back up one constituency to a single archive: its schema's rows, its rows in the "
        "shared tables, the identities of the users they name, and its media files with "
        "their checksums (docs/backup.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The constituency's slug, e.g. bristol-east.")
        parser.add_argument(
            "--output",
            "-o",
            help="The archive to write; default <slug>-<date and time>.tar.gz here. "
            "It must not exist yet.",
        )

    def handle(self, *args, **options):
        slug = options["slug"]
        output = options["output"] or f"{slug}-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        started = time.monotonic()
        try:
            summary = export_constituency(slug, output, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        for warning in summary.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {summary.path} ({summary.archive_bytes:,} bytes) in "
                f"{time.monotonic() - started:.1f} s: {summary.tables} tables, "
                f"{summary.rows:,} rows, {summary.shared_rows} shared rows, "
                f"{summary.media_files} media files ({summary.media_bytes:,} bytes)."
            )
        )
