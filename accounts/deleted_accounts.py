"""Deleting a user with every constituency's schema present.

The user's row and everything in the shared schema that points at it go at once, in the
deleting transaction, as Django's `on_delete` says (appointments, email addresses, the
hub's own pages and revisions). A constituency's schema holds no foreign key to the user
table, so nothing there is checked or locked then: that is what keeps deleting one user
under a second with 650 schemas. Instead `record_deletion` stores a `DeletedAccount`,
and `clear_references` visits each schema in a transaction of its own and does what the
missing keys' `on_delete` would have done: a revision or an image keeps its content and
loses its author (SET_NULL); a comment, a page subscription or a half-finished edit
goes (CASCADE). Wagtail's log entries keep the id (DO_NOTHING): they already show a
deleted user as one.

One transaction over every schema would lock about 14 tables in each, more locks than
PostgreSQL holds at once; a schema at a time takes a few, and a run that stops is
simply run again.
"""

import datetime as dt
import functools
import logging

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, get_tenant_model, schema_context

from labourhub.celery import enqueue_after_commit

from .models import DeletedAccount

logger = logging.getLogger(__name__)

# Before this, a deletion's clearing is left to the task its own deletion queued.
SWEEP_AFTER_MINUTES = 10


@functools.cache
def references_in_a_constituency() -> tuple[models.ForeignKey, ...]:
    """The foreign keys to the user a constituency's tables carry (Wagtail's: page
    owners, revisions, comments, uploads, workflow steps...), except those whose
    `on_delete` is to leave the id as it is."""
    user_model = get_user_model()
    tenant_apps = set(settings.TENANT_APPS)
    return tuple(
        field
        for model in apps.get_models()
        if model._meta.app_config.name in tenant_apps
        for field in model._meta.local_fields
        if field.is_relation
        and field.related_model is user_model
        and field.remote_field.on_delete is not models.DO_NOTHING
    )


def record_deletion(user_id: int) -> DeletedAccount:
    """Note that this user is gone, and clear what constituencies hold of theirs once the
    deletion commits (or, if the broker is down, on the next sweep)."""
    with schema_context(get_public_schema_name()):
        deleted, _ = DeletedAccount.objects.get_or_create(user_id=user_id)
        enqueue_after_commit("accounts.tasks.clear_deleted_account_references", deleted.pk)
    return deleted


def constituency_schemas() -> list[str]:
    return list(
        get_tenant_model()
        .objects.exclude(schema_name=get_public_schema_name())
        .order_by("schema_name")
        .values_list("schema_name", flat=True)
    )


def _holds_references(user_id: int, fields) -> bool:
    # Table and column names come from the models, never from input.
    quote = connection.ops.quote_name
    probes = " OR ".join(
        f"EXISTS (SELECT 1 FROM {quote(field.model._meta.db_table)} "  # noqa: S608
        f"WHERE {quote(field.column)} = %s)"
        for field in fields
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {probes}", [user_id] * len(fields))
        return cursor.fetchone()[0]


def clear_references_in(schema_name: str, user_id: int) -> bool:
    """Do in one constituency's schema what its missing foreign keys to this user would
    have done on delete; returns whether there was anything to do."""
    fields = references_in_a_constituency()
    with schema_context(schema_name), transaction.atomic():
        # One indexed probe per column, in one statement: most schemas hold nothing of
        # any one user, and finding that out is most of the work.
        if not _holds_references(user_id, fields):
            return False
        for field in fields:
            rows = field.model._base_manager.filter(**{field.attname: user_id})
            if field.remote_field.on_delete is models.CASCADE:
                rows.delete()
            else:
                rows.update(**{field.attname: None})
    return True


def clear_references(deleted: DeletedAccount) -> int:
    """Clear a deleted user's id from every constituency's schema, a schema per
    transaction; returns in how many schemas there was some. Safe to run again.

    A write begun before the deletion (a request of theirs in flight) can still name
    them after their schema was cleared, so the deletion counts as cleared only once a
    whole pass finds nothing: the sweep runs the next pass some minutes later."""
    cleared = sum(
        clear_references_in(schema_name, deleted.user_id) for schema_name in constituency_schemas()
    )
    if not cleared:
        with schema_context(get_public_schema_name()):
            DeletedAccount.objects.filter(pk=deleted.pk).update(
                references_cleared_at=timezone.now()
            )
    logger.info("cleared deleted user %s from %d schemas", deleted.user_id, cleared)
    return cleared


def uncleared_ids() -> list[int]:
    """The deletions whose references no task has cleared yet (the broker was down when
    they were queued, or a worker stopped)."""
    with schema_context(get_public_schema_name()):
        waiting = DeletedAccount.objects.filter(
            references_cleared_at__isnull=True,
            deleted_at__lt=timezone.now() - dt.timedelta(minutes=SWEEP_AFTER_MINUTES),
        )
        return list(waiting.values_list("pk", flat=True))
