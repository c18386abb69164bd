"""The demo's campaigns: a day of action everywhere, with one of Bristol East's events
linked to it, and a pledge for the South West."""

from django.core.management import call_command

from campaigns.models import CampaignTally, NationalCampaign
from constituencies.models import Constituency
from tests.helpers import client_for, page_of


def test_load_demo_makes_campaigns_and_links_an_event_once(db):
    call_command("load_demo")
    bristol = Constituency.objects.get(gss_code="E14001132")
    cardiff = Constituency.objects.get(gss_code="W07000089")
    slugs = sorted(NationalCampaign.objects.values_list("slug", flat=True))
    assert slugs == ["fair-pay-day-of-action", "homes-for-the-south-west"]
    tally = CampaignTally.objects.get(constituency=bristol)
    assert (tally.campaign.slug, tally.linked_events, tally.event_signups) == (
        "fair-pay-day-of-action",
        1,
        3,
    )
    bristol_home = page_of(client_for(bristol).get("/"))
    assert "Fair pay: a national day of action" in bristol_home
    assert "Homes for the South West" in bristol_home
    assert "Homes for the South West" not in page_of(client_for(cardiff).get("/"))
    campaign_page = page_of(client_for(bristol).get("/campaigns/fair-pay-day-of-action/"))
    assert "Saturday canvassing session" in campaign_page

    call_command("load_demo")
    assert NationalCampaign.objects.count() == 2
    assert CampaignTally.objects.count() == 1
