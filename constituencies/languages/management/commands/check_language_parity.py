from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from constituencies.languages.parity_check import check_parity
from constituencies.models import Constituency


class Command(BaseCommand):
    help = (
        "Run the Welsh-language parity check now, in this process (no Celery needed): "
        "raise and resolve the 48-hour flags, email officers about new ones and refresh "
        "the compliance dashboard's summaries. Every site, or the one named."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="One constituency's slug; default all.")

    def handle(self, *args, **options):
        sites = Constituency.objects.sites().order_by("name")
        if options["slug"]:
            sites = sites.filter(slug=options["slug"])
            if not sites.exists():
                raise CommandError(f"No constituency site has the slug {options['slug']!r}.")
        for constituency in sites:
            with schema_context(constituency.schema_name):
                result = check_parity(constituency)
            if constituency.offers_welsh:
                self.stdout.write(
                    f"{constituency.name}: {result.raised} flag(s) raised, "
                    f"{result.resolved} resolved, {result.emailed} email(s) queued."
                )
