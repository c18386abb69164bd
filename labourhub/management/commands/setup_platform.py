from django.core.management.base import BaseCommand

from constituencies.event_listings.index import ensure_index
from constituencies.moderation.index import rebuild_index
from constituencies.provisioning import ensure_hub, ensure_template
from governance.disputes.team import ensure_disputes_team
from governance.register.units import ensure_clp_units
from privacy.notices import ensure_notices
from roles.appointments import sync_all_role_groups
from roles.constituency_groups import ensure_publishing_groups, grant_role_model_permissions


class Command(BaseCommand):
    help = (
        "Make sure the hub's tenant row and domains exist, the constituency template "
        "schema is built, every role group has its current permissions and the disputes "
        "team's group exists, both privacy notices have a wording, and rebuild the "
        "hub's index of drafts waiting for approval. Safe to run after every deploy, "
        "after migrate_schemas."
    )

    def handle(self, *args, **options):
        hub = ensure_hub()
        template = ensure_template()
        ensure_publishing_groups()
        groups = grant_role_model_permissions()
        sync_all_role_groups()
        ensure_clp_units()
        ensure_disputes_team()
        ensure_notices()
        rebuild_index()
        ensure_index()
        domains = ", ".join(hub.domains.values_list("domain", flat=True))
        self.stdout.write(
            f"Hub ready on {domains}; template schema {template.schema_name} ready; "
            f"{groups} role groups up to date."
        )
