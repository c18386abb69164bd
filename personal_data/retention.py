"""Retention: every declared kind of personal data (privacy.registry) with a retention
rule loses the rows past their period, in the hub once and in every constituency's
schema, deleted or anonymised as the rule says. Run nightly by
`personal_data.tasks.apply_retention_everywhere`.

The periods are read from settings.PERSONAL_DATA_RETENTION at each run and counted
from the event, message or campaign itself, so a period changed in settings applies to
the rows already held at the next run. Each schema is its own transaction: a schema
that fails is rolled back, logged and reported on the run's record, and the others
still run; running again is safe (rows already gone or anonymised are not counted
twice). Two runs never overlap: a run that finds another under way does nothing.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from privacy.registry import (
    OnErasure,
    PersonalData,
    Retention,
    constituency_declarations,
    hub_declarations,
)

from .finding import HUB_SCHEMA, constituency_schemas
from .models import RetentionRun

logger = logging.getLogger(__name__)

# The PostgreSQL advisory lock a run holds (any number, the same for every process).
RUN_LOCK = 0x5245_5445  # "RETE"


@dataclass(frozen=True)
class Purged:
    """Rows of one kind that one rule removed (or anonymised) in one schema."""

    declaration: PersonalData
    rule: Retention
    schema: str
    count: int

    def as_dict(self) -> dict:
        return {
            "kind": self.declaration.kind,
            "period": self.rule.period,
            "action": str(self.rule.action),
            "schema": self.schema,
            "count": self.count,
        }


def apply_rule(declaration: PersonalData, rule: Retention, now: dt.datetime) -> int:
    """Delete or anonymise, in the current schema, the rows of `declaration` past
    `rule`'s period at `now`; how many. Stored files of the rows (or of the fields
    cleared) are deleted once the transaction commits."""
    rows = declaration.rows_past(rule, now)
    model = declaration.model_class
    if rule.action is OnErasure.DELETE:
        file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        _delete_files_on_commit(rows, file_fields)
        _, per_model = rows.delete()
        return per_model.get(model._meta.label, 0)
    cleared = declaration.anonymised_by(rule)
    file_fields = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.FileField) and f.name in cleared
    ]
    _delete_files_on_commit(rows, file_fields)
    return rows.update(**cleared)


def _delete_files_on_commit(rows, file_fields) -> None:
    if not file_fields:
        return
    names = [f.name for f in file_fields]
    stored = [
        (field, name)
        for row in rows.values(*names)
        for field in file_fields
        if (name := row[field.name])
    ]
    if stored:
        # After the commit: a rolled-back schema keeps its files. A storage error is
        # logged, not raised (robust): the rows are already gone.
        transaction.on_commit(
            lambda: [field.storage.delete(name) for field, name in stored], robust=True
        )


def apply_in_current_schema(declarations, now: dt.datetime) -> list[Purged]:
    """Every rule of these declarations, in the current schema, in one transaction."""
    purged = []
    with transaction.atomic():
        for declaration in declarations:
            for rule in declaration.retention:
                count = apply_rule(declaration, rule, now)
                if count:
                    purged.append(Purged(declaration, rule, connection.schema_name, count))
    return purged


def apply_retention(now: dt.datetime | None = None) -> RetentionRun | None:
    """Apply every retention rule in the hub and in each constituency's schema, and
    record the run (what went, per kind and schema; which schemas failed). Returns the
    run, or None when another run holds the lock."""
    now = now or timezone.now()
    if not _take_lock():
        logger.warning("retention: another run is under way; this one does nothing")
        return None
    try:
        return _run(now)
    finally:
        _release_lock()


def _run(now: dt.datetime) -> RetentionRun:
    run = RetentionRun.objects.create(started_at=timezone.now())
    purged, failures, done = [], [], 0
    places = [(HUB_SCHEMA, hub_declarations())] + [
        (schema, constituency_declarations()) for schema, _ in constituency_schemas()
    ]
    for schema, declarations in places:
        declarations = [d for d in declarations if d.retention]
        try:
            with schema_context(schema):
                purged += apply_in_current_schema(declarations, now)
        except Exception as error:  # noqa: BLE001 - one schema's failure must not stop the rest
            logger.exception("retention failed in schema %s", schema)
            failures.append({"schema": schema, "error": f"{type(error).__name__}: {error}"})
        else:
            done += 1
    totals = {}
    for item in purged:
        totals[item.rule.period] = totals.get(item.rule.period, 0) + item.count
    run.purged = [item.as_dict() for item in purged]
    run.totals, run.failures, run.schemas = totals, failures, done
    run.finished_at = timezone.now()
    run.save()
    logger.info(
        "retention: %d rows in %d schemas (%s); %d schemas failed",
        sum(totals.values()),
        done,
        ", ".join(f"{period} {count}" for period, count in sorted(totals.items())) or "none",
        len(failures),
    )
    return run


def _take_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [RUN_LOCK])
        return cursor.fetchone()[0]


def _release_lock() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [RUN_LOCK])
