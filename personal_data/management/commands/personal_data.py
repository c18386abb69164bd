"""`manage.py personal_data ACTION`: a person's data across the hub and every
constituency's schema, as central staff reach it from the hub's "Personal data" screens.

    manage.py personal_data export EMAIL --reason "..." [--out FILE]
    manage.py personal_data erase EMAIL --reason "..." [--yes]

`export` writes the ZIP of a subject access request (personal_data.exporting); `erase`
erases the person (personal_data.erasure), after showing what will be deleted,
anonymised and kept, and exits non-zero when schemas remain. Both record the request
and the audit entry, with no one as the actor."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from personal_data.erasure import (
    ask_for_erasure,
    plan_erasure,
    run_erasure,
    summarise,
    unfinished_erasure,
)
from personal_data.exporting import download_name, export_now
from personal_data.finding import identify, normalise_email
from personal_data.models import PersonalDataRequest


class Command(BaseCommand):
    help = "A person's data across the hub and every constituency (UK GDPR)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        export = actions.add_parser(
            "export",
            help="Write a ZIP of everything held about the person with this address.",
            description="Search the hub and every constituency for EMAIL (and the other "
            "addresses linked to it) and write a ZIP: a JSON file per kind of record and "
            "summary.html, a summary the person can read. The export is recorded and audited.",
        )
        export.add_argument("email", help="The address the person gave.")
        export.add_argument(
            "--reason",
            required=True,
            help="Why: the request it answers (how and when it was made).",
        )
        export.add_argument(
            "--out",
            type=Path,
            help="Where to write the ZIP (default: ./personal-data-EMAIL-DATE.zip).",
        )
        erase = actions.add_parser(
            "erase",
            help="Erase everything held about the person with this address, in every schema.",
        )
        erase.add_argument("email", help="The address the person gave.")
        erase.add_argument(
            "--reason",
            required=True,
            help="Why: the request it answers (how and when it was made).",
        )
        erase.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, action, **options):
        if action == "export":
            return self.export(options["email"], options["reason"], options["out"])
        if action == "erase":
            return self.erase(options["email"], options["reason"], options["yes"])
        raise CommandError(f"Unknown action {action!r}.")

    def export(self, email, reason, out):
        email, reason = _checked(email, reason)
        request = export_now(email, reason, progress=self._searched)
        self.stdout.write("")
        out = out or Path(download_name(request))
        with request.file.open("rb") as source:
            out.write_bytes(source.read())
        records = sum(each["count"] for each in request.found)
        kinds = len({each["kind"] for each in request.found})
        self.stdout.write(
            f"{records} record(s) of {kinds} kind(s) written to {out} (request #{request.pk})."
        )

    def _searched(self, done: int, total: int) -> None:
        self.stdout.write(f"\rSearching: {done} of {total} schemas", ending="")
        self.stdout.flush()

    def erase(self, email, reason, yes):
        email, reason = _checked(email, reason)

        request = unfinished_erasure(email)
        if request is not None:
            self.stdout.write(
                f"Carrying on with erasure request #{request.pk} of "
                f"{request.created_at:%d %b %Y}: {len(request.schemas_remaining)} "
                "schema(s) remain."
            )
        else:
            person = identify(email)
            self.stdout.write(f"Looking for {email} in the hub and every constituency…")
            plan = plan_erasure(person)
            if plan.entries:
                self.stdout.write("This will be done:")
                self._list(plan.entries)
            else:
                self.stdout.write("Nothing of theirs was found: nothing will be erased.")
            if not yes and not self._confirmed():
                self.stdout.write("Nothing was erased.")
                return
            request = ask_for_erasure(email, reason, person=person)

        request = run_erasure(request.pk, progress=self._progress)
        self._report(request)

    def _confirmed(self) -> bool:
        answer = input("Erase all of this and record the request? Type 'yes' to go on: ")
        return answer.strip().lower() == "yes"

    def _list(self, entries):
        for entry in entries:
            line = (
                f"  {entry['erasure']:<9} {entry['count']:>4}  {entry['name']} ({entry['place']})"
            )
            if entry["exemption"]:
                line += f"\n              kept because: {entry['exemption']}"
            self.stdout.write(line)

    def _progress(self, schema, place, done):
        if done is None:
            self.stdout.write(f"  {place}: failed, left for the next run")
        elif done.entries:
            total = sum(entry["count"] for entry in done.entries)
            self.stdout.write(f"  {place}: {total} record(s) dealt with")

    def _report(self, request: PersonalDataRequest):
        summary = summarise(request.found)
        if summary.nothing_found:
            self.stdout.write(f"Request #{request.pk}: nothing of theirs was found or erased.")
        for name, count in summary.deleted.items():
            self.stdout.write(f"Deleted: {count} × {name}")
        for name, count in summary.anonymised.items():
            self.stdout.write(f"Anonymised: {count} × {name}")
        for kept in summary.kept:
            self.stdout.write(
                f"Kept: {kept['count']} × {kept['name']} ({', '.join(kept['places'])}), "
                f"because: {kept['exemption']}"
            )
        if request.status == PersonalDataRequest.Status.DONE:
            self.stdout.write(self.style.SUCCESS(f"Request #{request.pk}: erased in every schema."))
            return
        if request.status == PersonalDataRequest.Status.RUNNING:
            raise CommandError(f"Request #{request.pk} is being run elsewhere: try later.")
        raise CommandError(
            f"Request #{request.pk} is not finished: {len(request.schemas_remaining)} "
            f"schema(s) remain ({', '.join(request.schemas_remaining)}).\n{request.failure}\n"
            "Run the same command again to carry on."
        )


def _checked(email: str, reason: str) -> tuple[str, str]:
    """The address and the reason, or CommandError saying what is wrong with them."""
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError as error:
        raise CommandError(f"{email!r} is not an email address.") from error
    if not reason.strip():
        raise CommandError("Say why (--reason): the request this answers.")
    return email, reason.strip()
