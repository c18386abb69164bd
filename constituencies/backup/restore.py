"""Restoring one constituency from its backup: `import_constituency`."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import DatabaseError, transaction
from django.utils.dateparse import parse_datetime
from django.utils.module_loading import import_string
from django_tenants.utils import get_public_schema_name, schema_context
from wagtail.models import Site

from outbox.models import OutgoingEmail
from roles.models import ConstituencyGroup

from ..event_listings.index import rebuild_index
from ..models import Constituency, Domain
from ..page_cache import purge_site
from ..provisioning import STEPS_OF_APPS_ABOVE, ensure_template, provision_constituency
from . import identities, shared_rows, tables
from .archive import BackupError, UnpackedArchive, unpacked
from .media import FilesWritten

HELD_EMAIL_NOTE = "Held when the site was restored from a backup: not sent from this copy."


@dataclass
class ImportSummary:
    constituency: Constituency
    replaced: bool
    tables: int = 0
    rows: int = 0
    media_files: int = 0
    shared_rows: int = 0
    skipped_shared_rows: int = 0
    users_created: list[str] = field(default_factory=list)
    references_dropped: dict = field(default_factory=dict)
    held_emails: int = 0


def import_constituency(
    archive_path: Path | str,
    *,
    slug: str | None = None,
    name: str | None = None,
    gss_code: str | None = None,
    replace: bool = False,
    custom_domains: bool = False,
    send_queued_email: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Restore the constituency in the archive at `archive_path`, under its own slug, name
    and GSS code or those given. A new constituency is provisioned as any other (schema,
    domain, role groups, unit) and then filled with the archive's rows and files; with
    `replace`, the constituency holding the slug keeps its identity and domains and has
    its content replaced by the archive's.

    The database part is one transaction and files written are removed again if it
    fails: an archive that is damaged, fails its checksums, was written by code with
    other migrations, or names a slug or GSS code already taken (without `replace`)
    raises BackupError and leaves nothing behind.
    """
    say = progress or (lambda message: None)
    with unpacked(Path(archive_path)) as archive:
        manifest = archive.manifest
        source = manifest["source"]
        slug = (slug or source["slug"]).strip().lower()
        existing = Constituency.objects.filter(slug=slug).first()
        if existing is not None:
            if not replace:
                raise BackupError(
                    f"The slug “{slug}” is taken by {existing.name}: restore under another "
                    "with --slug (and --gss-code), or over it with --replace."
                )
            if not existing.is_site:
                raise BackupError(f"“{slug}” is the {existing.get_kind_display()}, not a site.")
            if name or gss_code:
                raise BackupError("A constituency restored over keeps its name and GSS code.")
        schema_now = existing.schema_name if existing else ensure_template().schema_name
        _check_migrations(manifest, schema_now)
        _check_tables(manifest, schema_now)

        files = FilesWritten()
        try:
            with transaction.atomic():
                if existing is not None:
                    target = Constituency.objects.select_for_update().get(pk=existing.pk)
                    say(f"Restoring over {target.name} ({target.slug}, {target.schema_name})")
                else:
                    target = _provision(source, slug, name, gss_code, custom_domains)
                    say(f"Provisioned {target.name} ({target.slug}, schema {target.schema_name})")
                summary = ImportSummary(constituency=target, replaced=existing is not None)
                _restore(archive, target, summary, files, send_queued_email, say)
        except ValidationError as error:
            files.remove_all()
            raise BackupError(" ".join(error.messages)) from None
        except DatabaseError as error:
            files.remove_all()
            raise BackupError(f"The restore failed and was undone: {error}") from None
        except BaseException:
            files.remove_all()
            raise
        files.forget()
    if summary.replaced:
        purge_site(target)
    return summary


def _provision(source: dict, slug: str, name: str | None, gss_code: str | None, custom_domains):
    others = [d for d in source["domains"] if d["domain"] != source["platform_domain"]]
    primary = next((d["domain"] for d in others if d["is_primary"]), None)
    constituency = provision_constituency(
        name=name or source["name"],
        gss_code=gss_code or source["gss_code"],
        slug=slug,
        custom_domain=primary if custom_domains else None,
        # The site existed, under whatever name it had then: the list does not stop its
        # restore, and the audit log says where it came from.
        override_reason=f"Restored from a backup of {source['name']} ({source['gss_code']})",
    )
    if custom_domains:
        for domain in others:
            if domain["is_primary"]:
                continue
            if Domain.objects.filter(domain=domain["domain"]).exists():
                raise BackupError(f"{domain['domain']} already serves another site.")
            Domain.objects.create(domain=domain["domain"], tenant=constituency, is_primary=False)
    return constituency


def _restore(archive: UnpackedArchive, target, summary: ImportSummary, files, send_email, say):
    manifest = archive.manifest
    schema = target.schema_name

    summary.rows = tables.load(schema, manifest["tables"], archive.path)
    summary.tables = len(manifest["tables"])
    say(f"  {summary.tables} tables, {summary.rows} rows loaded")

    id_map, summary.users_created = identities.id_map(manifest["identities"], target)
    summary.references_dropped = tables.remap(schema, tables.reference_columns(), id_map)
    say(
        f"  users, groups, content types and permissions mapped; "
        f"{len(summary.users_created)} unknown user(s) created inactive"
    )

    shared_files = {(f["model"], f["pk"], f["field"]): f for f in manifest["shared_files"]}

    def put_file(label, pk, field_name, model_field, name):
        entry = shared_files.get((label, pk, field_name))
        if entry is None:  # the file was missing when the backup was written
            return name
        return files.put_beside(model_field.storage, name, archive.path(entry["file"]))

    shared_rows.delete_rows(target)
    _, summary.skipped_shared_rows = shared_rows.insert_rows(
        target, manifest["shared_rows"], id_map["user"], put_file
    )
    summary.shared_rows = sum(len(rows) for rows in manifest["shared_rows"].values())
    _restore_group_members(target, manifest["group_members"], id_map["user"])
    for step in STEPS_OF_APPS_ABOVE:  # what every constituency has, if the archive lacked it
        import_string(step)(target)
    say(f"  {summary.shared_rows} shared rows restored")

    source = manifest["source"]
    Constituency.objects.filter(pk=target.pk).update(
        region=source["region"],
        status=source["status"],
        status_changed_at=parse_datetime(source["status_changed_at"] or "") or None,
    )
    target.refresh_from_db()
    with schema_context(schema):
        Site.objects.filter(is_default_site=True).update(hostname=target.primary_domain)
        Site.clear_site_root_paths_cache()
        if not send_email:
            summary.held_emails = OutgoingEmail.objects.filter(
                state__in=[OutgoingEmail.State.QUEUED, OutgoingEmail.State.SENDING]
            ).update(state=OutgoingEmail.State.FAILED, claimed_at=None, last_error=HELD_EMAIL_NOTE)
    # The hub's event index is derived from the site, not carried in the backup.
    rebuild_index(target)
    tables.check_constraints_now()

    storage = storages["default"]
    for entry in manifest["media"]:
        files.put(storage, entry["path"], archive.path(entry["file"]), schema_name=schema)
    summary.media_files = len(manifest["media"])
    say(f"  {summary.media_files} media files restored")


def _restore_group_members(target, members: list, users: dict[int, int]) -> None:
    through = get_user_model().groups.through
    groups = dict(
        ConstituencyGroup.objects.filter(constituency=target).values_list("role", "group_id")
    )
    through.objects.filter(group_id__in=groups.values()).delete()
    through.objects.bulk_create(
        [
            through(user_id=users[user], group_id=groups[role])
            for user, role in members
            if user in users and role in groups
        ],
        ignore_conflicts=True,
    )


def _check_migrations(manifest: dict, schema: str) -> None:
    for part, here_schema in (("tenant", schema), ("shared", get_public_schema_name())):
        archived = {tuple(m) for m in manifest["migrations"][part]}
        here = {tuple(m) for m in tables.applied_migrations(here_schema)}
        if archived == here:
            continue
        differences = []
        for where, names in (
            ("only in the archive", sorted(archived - here)),
            ("only here", sorted(here - archived)),
        ):
            if names:
                differences.append(f"{len(names)} {where} (first {names[0][0]}.{names[0][1]})")
        kind = "constituency schema's" if part == "tenant" else "shared schema's"
        raise BackupError(
            f"The archive's {kind} migrations differ from this database's: "
            f"{'; '.join(differences)}. Restore it with the release that wrote it."
        )


def _check_tables(manifest: dict, schema: str) -> None:
    here = tables.schema_tables(schema)
    for entry in manifest["tables"]:
        if here.get(entry["name"]) is None or set(entry["columns"]) - set(here[entry["name"]]):
            raise BackupError(
                f"The archive's table {entry['name']} does not match this database's."
            )
