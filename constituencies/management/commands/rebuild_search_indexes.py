from django.core.management.base import BaseCommand

from constituencies.tasks import rebuild_every_search_index


class Command(BaseCommand):
    help = "Queue a search-index rebuild for every active constituency site."

    def handle(self, *args, **options):
        count = rebuild_every_search_index.delay().get()
        self.stdout.write(f"Queued a search-index rebuild for {count} constituencies.")
