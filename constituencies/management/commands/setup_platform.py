from django.core.management.base import BaseCommand

from constituencies.provisioning import ensure_hub, ensure_template


class Command(BaseCommand):
    help = (
        "Make sure the hub's tenant row and domains exist and the constituency template "
        "schema is built. Safe to run after every deploy, after migrate_schemas."
    )

    def handle(self, *args, **options):
        hub = ensure_hub()
        template = ensure_template()
        domains = ", ".join(hub.domains.values_list("domain", flat=True))
        self.stdout.write(f"Hub ready on {domains}; template schema {template.schema_name} ready.")
