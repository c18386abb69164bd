"""Rows of the shared (public) schema that belong to one constituency, carried in its
backup beside its own schema: its appointments here, and what the apps above declare
(its units and register, their flags and reports, its key events, its standing orders).

Each app says which of its tables belong to a constituency as `SharedRows`, a model and
the lookup from it to the constituency, in the order they must be restored (a row after
the rows it points at). Restoring gives every row a new id: references to the
constituency, to users and to rows restored before it are rewritten; a reference to
anything else is refused when the backup is written. A file a row holds travels in the
archive and goes back into the row's own storage.
"""

import datetime as dt
import decimal
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.module_loading import import_string

from ..models import Constituency


@dataclass(frozen=True)
class SharedRows:
    """The rows of `model` (an "app_label.Model" label) that belong to a constituency:
    those whose `constituency` lookup (e.g. "unit__constituency") is it. `leave_out`
    names many-to-many fields the backup does not carry (say why where it is declared)."""

    model: str
    constituency: str
    leave_out: tuple[str, ...] = ()

    def many_to_many(self) -> list[models.ManyToManyField]:
        return [
            field
            for field in self.model_class._meta.local_many_to_many
            if field.name not in self.leave_out
        ]

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def rows_of(self, constituency) -> models.QuerySet:
        return self.model_class._default_manager.filter(
            **{self.constituency: constituency}
        ).order_by("pk")


# This app's own, and those of the layer below it (roles), listed directly; the apps
# above name theirs by dotted path, since they import this app and never the reverse.
CONSTITUENCY_ROWS = (SharedRows("roles.Appointment", "constituency"),)
SHARED_ROWS_OF_APPS_ABOVE = (
    "governance.backup.SHARED_ROWS",
    "membersnet.rulebook.backup.SHARED_ROWS",
)
# Called with (constituency, {model label: {archive id: new id}}) once the shared rows are
# back, inside the restore's transaction: where an app keeps a shared row's id elsewhere.
STEPS_AFTER_RESTORE_OF_APPS_ABOVE = ("publicity.backup.renumber_checklist_items",)


def every_shared_rows() -> list[SharedRows]:
    found = list(CONSTITUENCY_ROWS)
    for path in SHARED_ROWS_OF_APPS_ABOVE:
        found.extend(import_string(path))
    _check_carriable(found)
    return found


def _check_carriable(declared: list[SharedRows]) -> None:
    seen: set[str] = set()
    user_model = get_user_model()
    for rows in declared:
        for field in _fields(rows.model_class):
            if field.is_relation and not (
                field.related_model in (Constituency, user_model)
                or field.related_model._meta.label in seen
            ):
                raise ImproperlyConfigured(
                    f"{rows.model}.{field.name} refers to {field.related_model._meta.label}, "
                    "which a constituency backup does not carry (declare it earlier in "
                    "SharedRows, or leave the table out)."
                )
        for field in rows.many_to_many():
            if field.related_model is not user_model:
                raise ImproperlyConfigured(
                    f"{rows.model}.{field.name}: a backup carries many-to-many links to users only."
                )
        seen.add(rows.model_class._meta.label)


def _fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.local_concrete_fields
        if not field.primary_key and not getattr(field, "generated", False)
    ]


def export_rows(constituency) -> tuple[dict[str, list[dict]], set[int], list[tuple]]:
    """({model label: [row]}, ids of the users they name, [(label, pk, field name, storage,
    file name)] of the files they hold)."""
    exported, users, files = {}, set(), []
    user_model = get_user_model()
    for rows in every_shared_rows():
        model = rows.model_class
        fields = _fields(model)
        many = rows.many_to_many()
        exported[rows.model] = []
        for obj in rows.rows_of(constituency).prefetch_related(*(f.name for f in many)):
            row = {"pk": obj.pk}
            for field in fields:
                value = field.value_from_object(obj)
                if isinstance(field, models.FileField):
                    value = value.name or ""
                    if value:
                        files.append((rows.model, obj.pk, field.name, field.storage, value))
                row[field.attname] = _encode(value)
                if field.is_relation and field.related_model is user_model and value is not None:
                    users.add(value)
            for field in many:
                ids = sorted(related.pk for related in getattr(obj, field.name).all())
                row[field.name] = ids
                users.update(ids)
            exported[rows.model].append(row)
    return exported, users, files


def delete_rows(constituency) -> None:
    """Delete the constituency's shared rows, last declared first."""
    for rows in reversed(every_shared_rows()):
        rows.rows_of(constituency).delete()


def insert_rows(
    constituency,
    exported: dict[str, list[dict]],
    users: dict[int, int],
    put_file: Callable[[str, int, str, models.FileField, str], str],
) -> tuple[dict[str, dict[int, int]], int]:
    """Insert the archive's rows for `constituency` (whose own were deleted first).
    `put_file(label, archive pk, field name, field, name)` stores a row's file and returns
    the name it was stored under. Returns ({label: {archive id: new id}}, rows skipped
    because something they cannot be without did not come back)."""
    id_maps: dict[str, dict[int, int]] = {}
    user_model = get_user_model()
    skipped = 0
    for rows in every_shared_rows():
        model = rows.model_class
        fields = _fields(model)
        stamped = [
            f.attname
            for f in fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        id_maps[rows.model] = {}
        for row in exported.get(rows.model, []):
            values = {}
            for field in fields:
                value = _decode(field, row.get(field.attname))
                if field.is_relation and value is not None:
                    if field.related_model is Constituency:
                        value = constituency.pk
                    elif field.related_model is user_model:
                        value = users.get(value)
                    else:
                        value = id_maps[field.related_model._meta.label].get(value)
                    if value is None and not field.null:
                        break
                elif isinstance(field, models.FileField) and value:
                    value = put_file(rows.model, row["pk"], field.name, field, value)
                values[field.attname] = value
            else:
                obj = model(**values)
                model._default_manager.bulk_create([obj])
                if stamped:
                    # bulk_create stamps auto_now fields with the time of the restore.
                    model._default_manager.filter(pk=obj.pk).update(
                        **{name: values[name] for name in stamped}
                    )
                for field in rows.many_to_many():
                    mapped = [users[i] for i in row.get(field.name, []) if i in users]
                    getattr(obj, field.name).set(mapped)
                id_maps[rows.model][row["pk"]] = obj.pk
                continue
            skipped += 1
    for path in STEPS_AFTER_RESTORE_OF_APPS_ABOVE:
        import_string(path)(constituency, id_maps)
    return id_maps, skipped


def _encode(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def _decode(field: models.Field, value):
    if value is None or field.is_relation or isinstance(field, models.FileField):
        return value
    return field.to_python(value)
