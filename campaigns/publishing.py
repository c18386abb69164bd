"""What follows central staff saving a campaign (the hub's admin screens call it): the
audit log says who published, changed or withdrew it, and every site's cached pages
are retired once the change commits, so home pages show it (or stop showing it)."""

from django.db import transaction
from django.utils import timezone

from governance.audit import record
from labourhub.celery import send_now_or_leave_for_sweep

from .models import NationalCampaign

PURGE_TASK = "campaigns.tasks.purge_campaign_sites"


def campaign_saved(campaign: NationalCampaign, *, by, created: bool, was_published: bool) -> None:
    """Call after a campaign is saved by `by`: `was_published` is whether it was
    published before this save."""
    if campaign.is_published and not campaign.published_at:
        campaign.published_at = timezone.now()
        NationalCampaign.objects.filter(pk=campaign.pk).update(published_at=campaign.published_at)
    if campaign.is_published and not was_published:
        action, verb = "campaign.published", "Published"
    elif was_published and not campaign.is_published:
        action, verb = "campaign.unpublished", "Withdrew"
    elif created:
        action, verb = "campaign.created", "Drafted"
    else:
        action, verb = "campaign.changed", "Changed"
    record(
        action,
        f"{verb} the national campaign “{campaign.title}”",
        actor=by,
        campaign=campaign.slug,
        audience=campaign.audience,
    )
    if campaign.is_published or was_published:
        purge_every_site_after_commit()


def purge_every_site_after_commit() -> None:
    """Retire every site's cached pages once the transaction commits (in a task: there
    are hundreds). A campaign's audience may have just changed, so every site is
    purged, not only those it goes to now. With the broker down, cached pages expire
    by themselves (HTTP_CACHE_SECONDS)."""
    transaction.on_commit(lambda: send_now_or_leave_for_sweep("public", PURGE_TASK, (), {}))
