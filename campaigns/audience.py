"""Which campaigns a constituency's site shows: the one question every site page asks
(its home page, /campaigns/<slug>/, the kit, the events editor's choice of campaign)."""

from django.db.models import Q

from constituencies.models import Constituency

from .models import NationalCampaign


def campaigns_for(constituency, today=None):
    """The live campaigns that go to `constituency`, less those its officers hid (where
    staff let them), soonest ending first. One query, on the shared tables."""
    return (
        NationalCampaign.objects.live(today)
        .going_to(constituency)
        .not_hidden_by(constituency)
        .order_by("ends_on", "pk")
    )


def campaign_shown_on(constituency, slug: str, today=None) -> NationalCampaign | None:
    """The campaign with this slug if its page answers on `constituency`'s site: it is
    published, has begun (an ended one still answers, saying so), goes there and is not
    hidden there."""
    return (
        NationalCampaign.objects.started(today)
        .going_to(constituency)
        .not_hidden_by(constituency)
        .filter(slug=slug)
        .first()
    )


def campaigns_to_link():
    """The campaigns an event on this constituency's site may be part of
    (EventPage.campaign's choices, through settings.CAMPAIGN_CHOICES): the published
    ones that go to it. Hidden and ended ones stay choosable, so that an event linked
    before still saves and publishes (its page's validation asks this too)."""
    constituency = Constituency.objects.current()
    if constituency is None or not constituency.is_site:
        return Q(pk__in=[])
    return Q(pk__in=NationalCampaign.objects.published().going_to(constituency).values("pk"))
