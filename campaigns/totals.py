"""A campaign's figures for the hub and for staff: its sign-ups (names on its pledge and
places taken at the constituencies' events linked to it, from the tallies) and its
participating constituencies: the active sites it goes to that have not hidden it.

Worked out for a whole list of campaigns in a fixed number of queries, from the shared
tables only: no constituency's schema is visited."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from constituencies.models import Constituency

from .models import Audience, CampaignOptOut, CampaignPledge, CampaignTally, NationalCampaign


@dataclass(frozen=True)
class CampaignSummary:
    campaign: NationalCampaign
    pledges: int
    event_signups: int
    participating: int
    with_events: int

    @property
    def sign_ups(self) -> int:
        return self.pledges + self.event_signups


def _per_campaign(queryset, aggregate):
    """A subquery: `aggregate` over `queryset`'s rows of the outer campaign (0 for none)."""
    return Coalesce(
        Subquery(
            queryset.values("campaign").annotate(n=aggregate).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def with_figures(campaigns):
    """`campaigns` annotated with pledges_count (confirmed pledges), event_signups_count,
    with_events_count."""
    tallies = CampaignTally.objects.filter(campaign=OuterRef("pk"))
    return campaigns.annotate(
        pledges_count=_per_campaign(
            CampaignPledge.objects.filter(campaign=OuterRef("pk"), confirmed_at__isnull=False),
            Count("pk"),
        ),
        event_signups_count=_per_campaign(tallies, Sum("event_signups")),
        with_events_count=_per_campaign(tallies.filter(linked_events__gt=0), Count("pk")),
    )


def _goes_to(campaign, nation, region, listed) -> bool:
    if campaign.audience == Audience.NATION:
        return nation == campaign.nation
    if campaign.audience == Audience.REGION:
        return region == campaign.region
    if campaign.audience == Audience.LIST:
        return listed
    return True


def summaries(campaigns) -> list[CampaignSummary]:
    """The figures of each campaign in `campaigns` (a queryset), in its order."""
    campaigns = list(with_figures(campaigns))
    ids = [campaign.pk for campaign in campaigns]
    active = Constituency.objects.active()
    by_nation = Counter(dict(active.values_list("nation").annotate(n=Count("pk"))))
    by_region = Counter(dict(active.values_list("region").annotate(n=Count("pk"))))
    listed = set(
        NationalCampaign.constituencies.through.objects.filter(
            nationalcampaign_id__in=ids, constituency__in=active
        ).values_list("nationalcampaign_id", "constituency_id")
    )
    opt_outs = CampaignOptOut.objects.filter(
        campaign_id__in=ids, constituency__in=active
    ).values_list("campaign_id", "constituency_id", "constituency__nation", "constituency__region")
    hidden = Counter()
    by_id = {campaign.pk: campaign for campaign in campaigns}
    for campaign_id, constituency_id, nation, region in opt_outs:
        campaign = by_id[campaign_id]
        listed_here = (campaign_id, constituency_id) in listed
        if campaign.officers_may_hide and _goes_to(campaign, nation, region, listed_here):
            hidden[campaign_id] += 1
    made = []
    for campaign in campaigns:
        reach = {
            Audience.ALL: sum(by_nation.values()),
            Audience.NATION: by_nation[campaign.nation],
            Audience.REGION: by_region[campaign.region],
            Audience.LIST: sum(1 for pair in listed if pair[0] == campaign.pk),
        }[campaign.audience]
        made.append(
            CampaignSummary(
                campaign=campaign,
                pledges=campaign.pledges_count,
                event_signups=campaign.event_signups_count,
                participating=reach - hidden[campaign.pk],
                with_events=campaign.with_events_count,
            )
        )
    return made


def summary(campaign) -> CampaignSummary:
    return summaries(NationalCampaign.objects.filter(pk=campaign.pk))[0]
