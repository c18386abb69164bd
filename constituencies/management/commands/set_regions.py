from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from constituencies.regions import set_regions_from_csv


class Command(BaseCommand):
    help = (
        "Set constituencies' party regions from a CSV with gss_code and region columns "
        "(for the compliance dashboard's filter). A region is one of the party's regions "
        "and nations (an English region, Scotland or Wales) that covers the constituency; "
        "rows that are not are reported. Re-running it changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", type=Path)

    def handle(self, *args, **options):
        if not options["csv"].exists():
            raise CommandError(f"No such file: {options['csv']}")
        try:
            result = set_regions_from_csv(options["csv"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for problem in result.problems:
            self.stderr.write(problem)
        self.stdout.write(
            f"{result.updated} updated, {result.unchanged} unchanged, "
            f"{len(result.problems)} rows with problems."
        )
