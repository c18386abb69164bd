from django.core.management.base import BaseCommand, CommandError

from constituencies.event_listings.index import purge_hub_events, rebuild_index
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
        listed = removed = 0
        for constituency in constituencies:
            rebuilt = rebuild_index(constituency)
            listed += rebuilt.listed
            removed += rebuilt.removed
            if options["verbosity"] > 1:
                self.stdout.write(
                    f"{constituency.schema_name}: {rebuilt.listed} listed, "
                    f"{rebuilt.removed} removed"
                )
        purge_hub_events()
        self.stdout.write(
            f"Indexed {listed} event(s) of {len(constituencies)} constituency site(s); "
            f"removed {removed} stale listing(s)."
        )
