from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from constituencies.constituency_list import (
    BUNDLED_CONSTITUENCIES_CSV,
    listings_for_nation,
    read_constituency_list,
)
from constituencies.provisioning import provision_many


class Command(BaseCommand):
    help = (
        "Provision every constituency in a list (the bundled 2024 list by default) that "
        "does not exist yet. Each row's name is checked against the bundled list; a row "
        "that disagrees with it, or is blank, is reported and the others go on. "
        "Re-running it changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--nation",
            default="GB",
            help="GB (England, Scotland, Wales; the default), UK, or E, S, W, N.",
        )
        parser.add_argument(
            "--csv",
            type=Path,
            help="A list with PCON25NM and PCON25CD columns, and optionally override_reason: "
            "why that row may differ from the bundled list (recorded in the audit log).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")
        parser.add_argument(
            "--processes",
            type=int,
            default=settings.TENANT_MULTIPROCESSING_MAX_PROCESSES,
            help="How many constituencies to provision at once, each in its own process "
            "(default: TENANT_MULTIPROCESSING_MAX_PROCESSES, as migrate_schemas uses).",
        )

    def handle(self, *args, **options):
        source = options["csv"] or BUNDLED_CONSTITUENCIES_CSV
        if options["processes"] < 1:
            raise CommandError("--processes must be at least 1.")
        if not Path(source).exists():
            raise CommandError(f"No such file: {source}")
        try:
            listings = listings_for_nation(read_constituency_list(source), options["nation"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

        with tqdm(
            total=len(listings),
            unit="constituency",
            disable=options["no_progress"],
            file=self.stderr._out,
        ) as bar:
            result = provision_many(
                listings, progress=lambda listing: bar.update(1), processes=options["processes"]
            )

        for listing, reason in result.failed:
            self.stderr.write(f"Could not provision {listing}: {reason}")
        self.stdout.write(
            f"{len(result.created)} provisioned, {len(result.skipped)} already there, "
            f"{len(result.failed)} failed."
        )
        if result.failed:
            raise CommandError(f"{len(result.failed)} constituencies could not be provisioned.")
