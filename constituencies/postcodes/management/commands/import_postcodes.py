from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from constituencies.postcodes.importing import BATCH_SIZE, PostcodeFileError, import_postcodes


class Command(BaseCommand):
    help = (
        "Load the ONS postcode lookup (NSPL or ONSPD, as CSV: columns pcds and pcon, and "
        "doterm, lat and long when present) into the postcode table the directory and the "
        "contact forms use. Re-running it with the same file changes nothing; a newer "
        "file updates what changed. Postcodes not in the file are kept unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file (NSPL_*.csv or ONSPD_*.csv).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Also delete postcodes that are not in the file (use only with a whole-UK "
            "file: a regional one would delete the rest of the country).",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="Rows a batch.")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, **options):
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        # tqdm shows itself only on a terminal (disable=None), so logs stay clean.
        with tqdm(
            unit=" rows",
            unit_scale=True,
            disable=True if options["no_progress"] else None,
            file=self.stderr._out,
        ) as bar:
            try:
                report = import_postcodes(
                    options["file"],
                    replace=options["replace"],
                    batch_size=options["batch_size"],
                    progress=lambda rows: bar.update(rows - bar.n),
                )
            except PostcodeFileError as error:
                raise CommandError(str(error)) from None
        for bad in report.first_bad:
            self.stderr.write(f"Bad row on {bad}")
        if report.bad > len(report.first_bad):
            self.stderr.write(f"... and {report.bad - len(report.first_bad):,} more bad rows.")
        self.stdout.write(str(report))
