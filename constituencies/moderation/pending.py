"""Every constituency's drafts waiting for approval, for central staff on the hub.

Workflow states live in each constituency's schema, so this visits each site's schema
with one query, and a second only where drafts wait (no query joins two schemas, which
Citus's schema-based sharding would refuse). Measured with bench/moderation.py: see the
README's figures."""

from dataclasses import dataclass, field, replace
from datetime import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tenants.utils import schema_context
from wagtail.models import Page, WorkflowState

from constituencies.models import Constituency


@dataclass(frozen=True)
class PendingDraft:
    title: str
    submitted_by: object  # the user (its id until looked up), None once deleted
    since: datetime
    link: str  # to the draft in its constituency's admin


@dataclass
class ConstituencyPending:
    constituency: Constituency
    admin_link: str
    drafts: list[PendingDraft] = field(default_factory=list)


def _pending_in_active_schema(constituency, request) -> list[PendingDraft]:
    # Most schemas have nothing waiting: their one query reads one small table, planned
    # in a moment; the pages' titles are looked up only where something waits.
    states = list(
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("current_task_state")
        .order_by("current_task_state__started_at", "pk")
    )
    if not states:
        return []
    titles = dict(
        Page.objects.filter(pk__in=[int(state.object_id) for state in states]).values_list(
            "pk", "title"
        )
    )
    return [
        PendingDraft(
            title=titles.get(int(state.object_id), "(deleted page)"),
            submitted_by=state.requested_by_id,
            since=getattr(state.current_task_state, "started_at", state.created_at),
            link=constituency.url_for(
                request, reverse("wagtailadmin_pages:edit", args=[int(state.object_id)])
            ),
        )
        for state in states
    ]


def pending_moderation(request=None) -> list[ConstituencyPending]:
    """Each constituency with drafts waiting for approval, by name, and its drafts,
    longest waiting first; links keep `request`'s scheme and port."""
    waiting = []
    for constituency in Constituency.objects.sites().prefetch_related("domains").order_by("name"):
        with schema_context(constituency.schema_name):
            drafts = _pending_in_active_schema(constituency, request)
        if drafts:
            admin_link = constituency.url_for(request, reverse("wagtailadmin_home"))
            waiting.append(ConstituencyPending(constituency, admin_link, drafts))
    # The submitters are shared users: one query for all of them, in the shared schema.
    users = get_user_model().objects.in_bulk(
        {draft.submitted_by for entry in waiting for draft in entry.drafts} - {None}
    )
    for entry in waiting:
        entry.drafts = [
            replace(draft, submitted_by=users.get(draft.submitted_by)) for draft in entry.drafts
        ]
    return waiting
