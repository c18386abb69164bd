"""Subject access: everything the platform holds about a person, as a ZIP.

`start_export` records a request (who asked, whom it is about, why) and queues the
`run_export` task; `export_now` records one and runs it in this process (the
`personal_data export` command). `run_export` finds the person's records in the hub
and every constituency's schema (`finding.find_everywhere`), telling the request its
progress as it goes, and stores a ZIP in private storage on the request: one JSON file
per kind of record, each row with the schema and constituency it came from, and
`summary.html`, a page the person can read saying for each kind what it is, where and
when it was recorded, why it is held, on what lawful basis, how long it is kept and
what erasure would do to it. Every export, and every download of one, is audited.
"""

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from governance.audit import record
from labourhub.celery import enqueue_after_commit
from privacy.registry import OnErasure, PersonalData

from .finding import HUB_SCHEMA, Found, find_everywhere, identify, normalise_email
from .models import PersonalDataRequest

RUN_EXPORT = "personal_data.tasks.run_export"  # .tasks imports this module
# An export still queued after this was probably never sent (the broker was down).
REQUEUE_AFTER_MINUTES = 10
FAILED = "The export stopped because of an unexpected error (it has been logged)."
SUMMARY = "summary.html"

Progress = Callable[[int, int], None]


def start_export(email: str, reason: str, requested_by) -> PersonalDataRequest:
    """Record an export asked for by `requested_by` (central staff) and queue it."""
    request = _new_request(email, reason, requested_by)
    enqueue_after_commit(RUN_EXPORT, request.pk)
    return request


def export_now(
    email: str, reason: str, requested_by=None, progress: Progress | None = None
) -> PersonalDataRequest:
    """Record an export and run it here, returning the finished request."""
    request = _new_request(email, reason, requested_by)
    run_export(request.pk, progress=progress)
    request.refresh_from_db()
    return request


def _new_request(email: str, reason: str, requested_by) -> PersonalDataRequest:
    return PersonalDataRequest.objects.create(
        kind=PersonalDataRequest.Kind.EXPORT,
        email=normalise_email(email),
        reason=reason.strip(),
        requested_by=requested_by if getattr(requested_by, "is_authenticated", False) else None,
    )


def run_export(request_id: int, task_id: str | None = None, progress: Progress | None = None):
    """Run the export `request_id` and store its ZIP; a request already done, or
    running under another task, is left alone. Returns what happened."""
    request = _claim(request_id, task_id)
    if request is None:
        return "nothing to do"
    try:
        person = identify(request.email)
        reporter = _ProgressReporter(request, progress)
        found = list(find_everywhere(person, progress=reporter))
        report = Report.of(request, sorted(person.emails), found)
        request.file.save(f"{request.pk}.zip", ContentFile(report.zip_bytes()), save=False)
        request.found = report.found
        request.status = PersonalDataRequest.Status.DONE
        request.schemas_done = request.schemas_total = reporter.total
        request.finished_at = timezone.now()
        request.save()
    except Exception:
        PersonalDataRequest.objects.filter(pk=request.pk).update(
            status=PersonalDataRequest.Status.FAILED, failure=FAILED, finished_at=timezone.now()
        )
        raise
    record(
        "personal_data.exported",
        f"Personal data exported for subject access request {request.pk}: "
        f"{report.total} record{'s' if report.total != 1 else ''} found",
        actor=request.requested_by,
        people=sorted(person.emails),
        record=_record_of(request),
        request_id=request.pk,
        reason=request.reason,
        records=report.total,
    )
    return "done"


def waiting_export_ids() -> list[int]:
    """The exports never started (the broker was down when they were queued)."""
    waiting = PersonalDataRequest.objects.filter(
        kind=PersonalDataRequest.Kind.EXPORT,
        status=PersonalDataRequest.Status.QUEUED,
        created_at__lt=timezone.now() - dt.timedelta(minutes=REQUEUE_AFTER_MINUTES),
    )
    return list(waiting.values_list("pk", flat=True))


def record_download(request: PersonalDataRequest, user) -> None:
    record(
        "personal_data.export_downloaded",
        f"Personal data export of request {request.pk} downloaded",
        actor=user,
        people=[request.email],
        record=_record_of(request),
        request_id=request.pk,
    )


def _record_of(request: PersonalDataRequest) -> str:
    return f"personal_data.PersonalDataRequest:{request.pk}"


def download_name(request: PersonalDataRequest) -> str:
    return f"personal-data-{request.email}-{request.created_at:%Y-%m-%d}.zip"


def _claim(request_id: int, task_id: str | None) -> PersonalDataRequest | None:
    with transaction.atomic():
        request = (
            PersonalDataRequest.objects.select_for_update()
            .filter(pk=request_id, kind=PersonalDataRequest.Kind.EXPORT)
            .first()
        )
        if request is None or request.status == PersonalDataRequest.Status.DONE:
            return None
        running = request.status == PersonalDataRequest.Status.RUNNING
        if running and request.task_id != (task_id or ""):
            return None
        request.status = PersonalDataRequest.Status.RUNNING
        request.task_id = task_id or ""
        request.started_at = timezone.now()
        request.failure = ""
        request.save(update_fields=["status", "task_id", "started_at", "failure"])
    return request


class _ProgressReporter:
    """Stores the progress on the request each time the percentage changes (at most a
    hundred writes, whatever the number of schemas), and tells `also` every schema."""

    def __init__(self, request: PersonalDataRequest, also: Progress | None):
        self.request, self.also = request, also
        self.total, self.percent = 0, -1

    def __call__(self, done: int, total: int) -> None:
        self.total = total
        percent = 100 * done // total
        if percent != self.percent:
            self.percent = percent
            PersonalDataRequest.objects.filter(pk=self.request.pk).update(
                schemas_done=done, schemas_total=total
            )
        if self.also:
            self.also(done, total)


ERASURE_WORDS = {
    OnErasure.DELETE: "Deleted",
    OnErasure.ANONYMISE: "Anonymised: the record stays, with the personal details removed",
    OnErasure.KEEP: "Kept",
}


def erasure_handling(declaration: PersonalData) -> str:
    """What an erasure does to this kind of record, in words (with the exemption)."""
    words = ERASURE_WORDS[declaration.on_erasure]
    if declaration.on_erasure is OnErasure.KEEP:
        return f"{words}: {declaration.exemption}"
    return words


@dataclass
class KindFound:
    """Everything found of one kind, over every place."""

    declaration: PersonalData
    places: dict[str, int] = field(default_factory=dict)  # place -> how many
    rows: list[dict] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.declaration.kind

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def erasure(self) -> str:
        return erasure_handling(self.declaration)

    @property
    def earliest(self) -> dt.date | None:
        return dt.date.fromisoformat(min(self.dates)[:10]) if self.dates else None

    @property
    def latest(self) -> dt.date | None:
        return dt.date.fromisoformat(max(self.dates)[:10]) if self.dates else None

    @property
    def file_name(self) -> str:
        return f"{self.kind}.json"


@dataclass
class Report:
    request: PersonalDataRequest
    emails: list[str]
    kinds: list[KindFound]
    found: list[dict]

    @classmethod
    def of(cls, request, emails: list[str], found: list[Found]) -> "Report":
        kinds: dict[str, KindFound] = {}
        places = []
        for each in found:
            kind = kinds.setdefault(each.declaration.kind, KindFound(each.declaration))
            kind.places[each.place] = kind.places.get(each.place, 0) + len(each.rows)
            constituency = None if each.schema == HUB_SCHEMA else each.place
            dated = _date_keys(each.declaration)
            for row in each.rows:
                kind.rows.append({"schema": each.schema, "constituency": constituency, **row})
                kind.dates.extend(str(row[key]) for key in dated if row.get(key))
            places.append(
                {
                    "kind": each.declaration.kind,
                    "name": each.declaration.name,
                    "schema": each.schema,
                    "place": each.place,
                    "count": len(each.rows),
                    "erasure": each.declaration.on_erasure.value,
                }
            )
        ordered = sorted(kinds.values(), key=lambda kind: kind.declaration.name)
        return cls(request, emails, ordered, places)

    @property
    def total(self) -> int:
        return sum(kind.count for kind in self.kinds)

    def summary_html(self) -> str:
        return render_to_string(
            "personal_data/summary.html",
            {
                "request": self.request,
                "emails": self.emails,
                "kinds": self.kinds,
                "total": self.total,
                "made_at": timezone.now(),
                "summary_name": SUMMARY,
            },
        )

    def zip_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(SUMMARY, self.summary_html())
            for kind in self.kinds:
                archive.writestr(kind.file_name, json.dumps(_file_of(kind), indent=2))
        return buffer.getvalue()


def _file_of(kind: KindFound) -> dict:
    declaration = kind.declaration
    return {
        "kind": declaration.kind,
        "what": declaration.name,
        "whose": declaration.whose,
        "purpose": declaration.purpose,
        "lawful_basis": declaration.lawful_basis,
        "kept": "; ".join(declaration.how_long_kept),
        "on_erasure": kind.erasure,
        "records": kind.rows,
    }


def _date_keys(declaration: PersonalData) -> list[str]:
    """The exported keys of `declaration`'s rows that hold a date or a time."""
    keys = []
    for name in dict.fromkeys([*declaration.context, *declaration.fields]):
        model = declaration.model_class
        *relations, last = name.split("__")
        try:
            for relation in relations:
                model = model._meta.get_field(relation).related_model
            model_field = model._meta.get_field(last)
        except (AttributeError, FieldDoesNotExist):
            continue
        if isinstance(model_field, models.DateField):  # a DateTimeField is one too
            keys.append(name)
    return keys
