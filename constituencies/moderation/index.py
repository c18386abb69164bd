"""The hub's index of drafts waiting for approval (waiting.WaitingDraft): one shared
table central staff's list reads in one query, where visiting every constituency's
schema took 4 to 8 ms a schema (bench/moderation.py), seconds for 650.

The moderation receivers keep it in step as each workflow moves on; `rebuild_index`
rebuilds it from every schema (after each deploy, by setup_platform), so anything a
receiver could not see (a row deleted by hand, a restored backup) lasts until then."""

from django.db import transaction
from django_tenants.utils import schema_context
from wagtail.models import Page, WorkflowState

from constituencies.models import Constituency
from labourhub.tenancy import current_tenant

from .waiting.models import WaitingDraft


def index_submission(task_state) -> None:
    """Add (or bring up to date) the draft `task_state` waits on, in the active
    constituency."""
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object
    WaitingDraft.objects.update_or_create(
        constituency=current_tenant(),
        page_id=page.pk,
        defaults={
            "title": page.get_latest_revision_as_object().title[:255],
            "submitted_by_id": workflow_state.requested_by_id,
            "since": task_state.started_at,
        },
    )


def remove_from_index(workflow_state) -> None:
    """The draft of `workflow_state` no longer waits (approved, sent back, cancelled,
    deleted)."""
    WaitingDraft.objects.filter(
        constituency=current_tenant(), page_id=int(workflow_state.object_id)
    ).delete()


def _waiting_in_active_schema(constituency) -> list[WaitingDraft]:
    states = list(
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).select_related(
            "current_task_state"
        )
    )
    if not states:
        return []
    pages = Page.objects.in_bulk([int(state.object_id) for state in states])
    return [
        WaitingDraft(
            constituency=constituency,
            page_id=int(state.object_id),
            title=pages[int(state.object_id)].title[:255],
            submitted_by_id=state.requested_by_id,
            since=getattr(state.current_task_state, "started_at", state.created_at),
        )
        for state in states
        if int(state.object_id) in pages
    ]


def rebuild_index() -> int:
    """Make the index match every constituency's workflows, one schema at a time (a
    schema with nothing waiting, and nothing indexed, is only read). Returns how many
    drafts wait."""
    indexed = set(WaitingDraft.objects.values_list("constituency_id", flat=True))
    count = 0
    for constituency in Constituency.objects.sites().order_by("pk"):
        with schema_context(constituency.schema_name):
            waiting = _waiting_in_active_schema(constituency)
        count += len(waiting)
        if not waiting and constituency.pk not in indexed:
            continue
        with transaction.atomic():
            WaitingDraft.objects.filter(constituency=constituency).delete()
            WaitingDraft.objects.bulk_create(waiting)
    return count
