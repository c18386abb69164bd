"""Every constituency's drafts waiting for approval, for central staff on the hub, read
from the shared index (`index`) in one query."""

from dataclasses import dataclass, field

from django.urls import reverse

from constituencies.models import Constituency

from .waiting.models import WaitingDraft


@dataclass(frozen=True)
class PendingDraft:
    title: str
    submitted_by: object  # the user, or None once their account is deleted
    since: object
    link: str  # to the draft in its constituency's admin


@dataclass
class ConstituencyPending:
    constituency: Constituency
    admin_link: str
    drafts: list[PendingDraft] = field(default_factory=list)


def pending_moderation(request=None) -> list[ConstituencyPending]:
    """Each constituency with drafts waiting for approval, by name, and its drafts,
    longest waiting first; links keep `request`'s scheme and port."""
    waiting: dict[int, ConstituencyPending] = {}
    drafts = WaitingDraft.objects.select_related("constituency", "submitted_by").prefetch_related(
        "constituency__domains"
    )
    for draft in drafts.order_by("constituency__name", "constituency_id", "since", "pk"):
        constituency = draft.constituency
        if constituency.pk not in waiting:
            waiting[constituency.pk] = ConstituencyPending(
                constituency, constituency.url_for(request, reverse("wagtailadmin_home"))
            )
        waiting[constituency.pk].drafts.append(
            PendingDraft(
                title=draft.title,
                submitted_by=draft.submitted_by,
                since=draft.since,
                link=constituency.url_for(
                    request, reverse("wagtailadmin_pages:edit", args=[draft.page_id])
                ),
            )
        )
    return list(waiting.values())
