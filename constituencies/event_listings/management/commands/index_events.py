from django.core.management.base import BaseCommand, CommandError

from constituencies.event_listings.index import rebuild_every_index
from constituencies.models import Constituency


class Command(BaseCommand):
    help = (
        "Rebuild the hub's index of events (/events/ on the hub) from every constituency "
        "site, or from one with --schema: lists what is missing, corrects what is stale, "
        "removes what is gone. Safe to repeat; run it after restoring the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schema", help="Only this constituency's schema.")

    def handle(self, *args, schema=None, **options):
        constituencies = Constituency.objects.sites().order_by("schema_name")
        if schema:
            constituencies = constituencies.filter(schema_name=schema)
            if not constituencies.exists():
                raise CommandError(f"No constituency site has the schema “{schema}”.")
        rebuilt = rebuild_every_index(constituencies)
        if options["verbosity"] > 1:
            for each in rebuilt:
                self.stdout.write(
                    f"{each.constituency.schema_name}: {each.listed} listed, {each.removed} removed"
                )
        listed = sum(each.listed for each in rebuilt)
        removed = sum(each.removed for each in rebuilt)
        self.stdout.write(
            f"Indexed {listed} event(s) of {len(rebuilt)} constituency site(s); "
            f"removed {removed} stale listing(s)."
        )
