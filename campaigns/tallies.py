"""The hub's count, per campaign and constituency, of sign-ups to the constituency's
events linked to the campaign (campaigns.models.CampaignTally). The hub adds the rows up
instead of visiting every constituency's schema. This is their only writer: the
receivers call it when a sign-up or an event changes."""

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from constituencies.models import Constituency
from constituencies.signups.models import EventSignup
from constituencies.website.models import EventPage

from .models import CampaignTally, NationalCampaign

# pg_advisory_xact_lock's first key: this module's, the second being the constituency.
_LOCK_SPACE = 7301


@transaction.atomic
def recount(constituency=None) -> dict[int, int]:
    """Make the active constituency's tallies say what its events say now: for each
    campaign, its live linked events and their sign-ups confirmed by their owners and
    not cancelled (pending ones hold places but count nobody yet). Every sign-up row
    counts (someone signed up to two shifts counts twice). Returns
    {campaign id: sign-ups}. Five queries, however many campaigns and events."""
    constituency = constituency or Constituency.objects.current()
    if constituency is None or not constituency.is_site:
        return {}
    # Sign-ups to two events of one site at once would each count without seeing the
    # other's: one recount per site at a time, each seeing what the last one committed.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_SPACE, constituency.pk])
    events = dict(
        EventPage.objects.live()
        .filter(campaign_id__isnull=False)
        .values("campaign_id")
        .annotate(n=Count("pk"))
        .values_list("campaign_id", "n")
    )
    signups = dict(
        EventSignup.objects.confirmed()
        .filter(event__live=True, event__campaign_id__isnull=False)
        .values("event__campaign_id")
        .annotate(n=Count("pk"))
        .values_list("event__campaign_id", "n")
    )
    # Campaigns with a tally here, and those its events name that still exist (an event
    # keeps a deleted campaign's id: there is no key to clear it).
    campaign_ids = set(
        NationalCampaign.objects.filter(pk__in=events).values_list("pk", flat=True)
    ) | set(
        CampaignTally.objects.filter(constituency_id=constituency.pk).values_list(
            "campaign_id", flat=True
        )
    )
    now = timezone.now()
    CampaignTally.objects.bulk_create(
        [
            CampaignTally(
                campaign_id=campaign_id,
                constituency_id=constituency.pk,
                event_signups=signups.get(campaign_id, 0),
                linked_events=events.get(campaign_id, 0),
                updated_at=now,
            )
            for campaign_id in campaign_ids
        ],
        update_conflicts=True,
        unique_fields=["campaign", "constituency"],
        update_fields=["event_signups", "linked_events", "updated_at"],
    )
    return {campaign_id: signups.get(campaign_id, 0) for campaign_id in campaign_ids}
