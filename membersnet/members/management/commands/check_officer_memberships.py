from django.core.management.base import BaseCommand

from membersnet.members.membership import end_offices, officers_not_current_members


class Command(BaseCommand):
    help = (
        "List the people holding office who are not current members of their "
        "constituency's party (appointed before the rule, or not yet matched to a member "
        "record). With --end, end their appointments today and email them, their CLP's "
        "other officers and central staff."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--end", action="store_true", help="End their appointments (default: only list)."
        )

    def handle(self, *args, **options):
        found = list(officers_not_current_members())
        for user, constituency, reason in found:
            if options["end"]:
                ended = end_offices(
                    user,
                    constituency.pk,
                    reason=reason,
                    source="check_officer_memberships command",
                )
                roles = ", ".join(appointment.get_role_display() for appointment in ended)
                self.stdout.write(
                    f"Ended: {user} ({user.email}), {roles} of {constituency.name}: {reason}"
                )
            else:
                self.stdout.write(f"{user} ({user.email}), {constituency.name}: {reason}")
        people = f"{len(found)} officer{'s' if len(found) != 1 else ''}"
        if options["end"]:
            self.stdout.write(f"Ended the appointments of {people} not current members.")
        elif found:
            self.stdout.write(f"{people} not current members. Run with --end to end them.")
        else:
            self.stdout.write("Every officer is a current member (or appointed by exception).")
