from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from constituencies.provisioning import provision_constituency


class Command(BaseCommand):
    help = "Provision one constituency: its schema, domain, Wagtail site and starter pages."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="e.g. 'Cardiff East'")
        parser.add_argument("--gss-code", required=True, help="e.g. W07000083")
        parser.add_argument("--slug", help="Address label; defaults to the name, slugified.")
        parser.add_argument(
            "--domain", help="Optional custom domain, e.g. cardiffeastlabour.org.uk"
        )
        parser.add_argument(
            "--region", default="", help="The party region, e.g. 'South West' (optional)."
        )
        parser.add_argument(
            "--override-reason",
            default="",
            help="Why the name or GSS code may differ from the shipped list of constituencies "
            "(recorded in the audit log). Without it, a disagreement is refused.",
        )

    def handle(self, *args, **options):
        try:
            constituency = provision_constituency(
                name=options["name"],
                gss_code=options["gss_code"],
                slug=options["slug"],
                custom_domain=options["domain"],
                region=options["region"],
                override_reason=options["override_reason"],
            )
        except ValidationError as error:
            raise CommandError(_describe(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Provisioned {constituency.name} ({constituency.gss_code}) "
                f"at {constituency.primary_domain}."
            )
        )


def _describe(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field.replace('_', ' ')}: {' '.join(messages)}"
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
