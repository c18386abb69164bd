"""Every constituency's drafts waiting for approval, for central staff on the hub.

Workflow states live in each constituency's schema, so this visits each site's schema
with one query (no query joins two schemas, which Citus's schema-based sharding would
refuse). Measured with bench/moderation.py: see the README's figures."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django_tenants.utils import schema_context
from wagtail.models import Page, WorkflowState

from constituencies.models import Constituency


@dataclass(frozen=True)
class PendingDraft:
    title: str
    submitted_by: object  # the user, or None once their account is deleted
    since: datetime
    link: str  # to the draft in its constituency's admin


@dataclass
class ConstituencyPending:
    constituency: Constituency
    admin_link: str
    drafts: list[PendingDraft] = field(default_factory=list)


def _pending_in_active_schema(constituency, request) -> list[PendingDraft]:
    titles = Page.objects.filter(pk=Cast(OuterRef("object_id"), IntegerField())).values("title")
    states = (
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .annotate(title=Subquery(titles[:1]))
        .select_related("requested_by", "current_task_state")
        .order_by("current_task_state__started_at", "pk")
    )
    return [
        PendingDraft(
            title=state.title or "(deleted page)",
            submitted_by=state.requested_by,
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
    return waiting
