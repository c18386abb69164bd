"""Writing one constituency's backup: `export_constituency`."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from ..models import Constituency
from ..provisioning import platform_domain_for
from . import identities, shared_rows, tables
from .archive import FORMAT, VERSION, ArchiveWriter, BackupError
from .media import tenant_storage, walk


@dataclass
class ExportSummary:
    path: Path
    tables: int = 0
    rows: int = 0
    media_files: int = 0
    media_bytes: int = 0
    shared_rows: int = 0
    users: int = 0
    archive_bytes: int = 0
    warnings: list[str] = field(default_factory=list)


def export_constituency(
    slug: str, destination: Path | str, *, progress: Callable[[str], None] | None = None
) -> ExportSummary:
    """Write the constituency with this slug to an archive at `destination`: its schema's
    rows, its rows in the shared tables, the identities of the users, groups, content
    types and permissions they refer to, and its media files, each with its size and
    SHA-256. Reads one consistent snapshot of the database. The archive appears only
    once complete; raises BackupError, writing nothing, for an unknown slug or a
    destination that exists."""
    say = progress or (lambda message: None)
    constituency = Constituency.objects.sites().filter(slug=slug).first()
    if constituency is None:
        raise BackupError(f"No constituency has the slug “{slug}”.")
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} already exists: choose another file name.")
    if not destination.parent.is_dir():
        raise BackupError(f"There is no folder {destination.parent} to write to.")
    partial = destination.with_name(destination.name + ".partial")
    writer = ArchiveWriter(partial)
    summary = ExportSummary(path=destination)
    try:
        with _snapshot():
            manifest = _write(constituency, writer, summary, say)
        writer.close(manifest)
        partial.replace(destination)
    except BaseException:
        writer.abandon()
        partial.unlink(missing_ok=True)
        raise
    summary.archive_bytes = destination.stat().st_size
    return summary


@contextmanager
def _snapshot():
    """One REPEATABLE READ transaction, so every table is read as of one moment (inside a
    caller's transaction, that transaction's view is used as it is)."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _write(constituency, writer: ArchiveWriter, summary: ExportSummary, say) -> dict:
    schema = constituency.schema_name
    say(f"Backing up {constituency.name} ({constituency.slug}, schema {schema})")

    sequences = tables.sequences(schema)
    table_entries = []
    for name, columns in tables.schema_tables(schema).items():
        counted = _CountingRows(tables.copy_out(schema, name, columns))
        member = writer.add_chunks(f"tables/{name}.copy", counted)
        table_entries.append(
            {
                "name": name,
                "columns": columns,
                "rows": counted.rows,
                "sequences": sequences.get(name, {}),
                **member.as_json(),
            }
        )
        summary.rows += counted.rows
    summary.tables = len(table_entries)
    say(f"  {summary.tables} tables, {summary.rows} rows")

    exported, user_ids, files = shared_rows.export_rows(constituency)
    summary.shared_rows = sum(len(rows) for rows in exported.values())
    members = [
        [user_id, role]
        for user_id, role in get_user_model()
        .groups.through.objects.filter(group__constituency_role__constituency=constituency)
        .values_list("user_id", "group__constituency_role__role")
        .order_by("user_id", "group__constituency_role__role")
    ]
    referenced = tables.referenced_ids(schema, tables.reference_columns())
    referenced.setdefault("user", set()).update(user_ids, (user for user, _ in members))
    described = identities.describe(referenced, constituency)
    summary.users = len(described["user"])
    say(
        f"  {summary.shared_rows} shared rows, {len(members)} group memberships, "
        f"{summary.users} users named"
    )

    media = []
    with tenant_storage(schema) as storage:
        for name in walk(storage):
            with storage.open(name, "rb") as handle:
                member = writer.add_file(f"media/{name}", handle)
            media.append({"path": name, **member.as_json()})
            summary.media_bytes += member.size
    summary.media_files = len(media)
    say(f"  {summary.media_files} media files, {summary.media_bytes} bytes")

    shared_files = []
    for index, (label, pk, field_name, storage, name) in enumerate(files):
        if not storage.exists(name):
            summary.warnings.append(f"{label} {pk} names {name}, which its storage lacks.")
            continue
        with storage.open(name, "rb") as handle:
            member = writer.add_file(f"shared-files/{index}", handle)
        shared_files.append(
            {"model": label, "pk": pk, "field": field_name, "name": name, **member.as_json()}
        )

    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "source": {
            "name": constituency.name,
            "slug": constituency.slug,
            "gss_code": constituency.gss_code,
            "schema_name": schema,
            "region": constituency.region,
            "status": constituency.status,
            "status_changed_at": constituency.status_changed_at.isoformat()
            if constituency.status_changed_at
            else None,
            "platform_domain": platform_domain_for(constituency.slug),
            "domains": [
                {"domain": d.domain, "is_primary": d.is_primary}
                for d in constituency.domains.order_by("-is_primary", "domain")
            ],
        },
        "migrations": {
            "tenant": tables.applied_migrations(schema),
            "shared": tables.applied_migrations(get_public_schema_name()),
        },
        "tables": table_entries,
        "identities": described,
        "shared_rows": exported,
        "group_members": members,
        "media": media,
        "shared_files": shared_files,
    }


class _CountingRows:
    """Passes COPY text through, counting its rows (one line each: COPY escapes newlines)."""

    def __init__(self, chunks: Iterable[bytes]):
        self._chunks = chunks
        self.rows = 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            self.rows += chunk.count(b"\n")
            yield chunk
