from django.core.management.base import BaseCommand

from constituencies.tasks import rebuild_search_index, run_for_every_constituency


class Command(BaseCommand):
    help = "Queue a search-index rebuild for every constituency site."

    def handle(self, *args, **options):
        count = run_for_every_constituency.delay(rebuild_search_index.name).get()
        self.stdout.write(f"Queued a search-index rebuild for {count} constituencies.")
