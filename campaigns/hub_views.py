"""National campaigns on the hub: /campaigns/ and /campaigns/<slug>/, each with its
sign-ups and participating constituencies (campaigns.totals)."""

import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from constituencies.models import Constituency
from labourhub import http_cache
from labourhub.tenancy import on_hub

from . import pictures, totals
from .models import CampaignTally, NationalCampaign

# The figures change with every sign-up anywhere: caches keep them this long at most.
FIGURES_FRESH_FOR = dt.timedelta(minutes=5)


def _on_hub_only(request):
    if not on_hub():
        raise Http404("The list of national campaigns is on the hub.")
    http_cache.fresh_until(request, timezone.now() + FIGURES_FRESH_FOR)


def campaign_index(request):
    _on_hub_only(request)
    live = totals.summaries(NationalCampaign.objects.live().order_by("ends_on", "pk"))
    return render(request, "campaigns/hub_index.html", {"summaries": live})


def campaign_detail(request, slug):
    _on_hub_only(request)
    campaign = NationalCampaign.objects.started().filter(slug=slug).first()
    if campaign is None:
        raise Http404("No such campaign.")
    local = (
        CampaignTally.objects.filter(campaign=campaign, linked_events__gt=0)
        .filter(constituency__status=Constituency.Status.ACTIVE)
        .select_related("constituency")
        .prefetch_related("constituency__domains")
        .order_by("constituency__name")
    )
    return render(
        request,
        "campaigns/hub_detail.html",
        {
            "summary": totals.summary(campaign),
            "campaign": campaign,
            "picture": pictures.picture(campaign, pictures.WIDE),
            "local": [
                (tally, tally.constituency.url_for(request, campaign.path)) for tally in local
            ],
        },
    )
