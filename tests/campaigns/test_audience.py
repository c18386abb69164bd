"""Which sites a campaign goes to (every active one, a nation, a region, a list), less
those that hid it where staff allow it; and the model's own rules."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns.audience import campaign_shown_on, campaigns_for
from campaigns.models import Action, Audience, CampaignOptOut
from constituencies.models import Nation, Region
from tests.constituencies.website.shared import _image


def _slugs(constituency):
    return sorted(campaign.slug for campaign in campaigns_for(constituency))


def test_a_campaign_for_everyone_goes_to_england_and_wales(make_campaign, clp_a, clp_b):
    make_campaign()
    assert _slugs(clp_a) == _slugs(clp_b) == ["fair-pay"]


def test_a_campaign_for_a_nation_goes_only_there(make_campaign, clp_a, clp_b):
    make_campaign(audience=Audience.NATION, nation=Nation.WALES)
    assert _slugs(clp_a) == []
    assert _slugs(clp_b) == ["fair-pay"]


def test_a_campaign_for_a_region_goes_only_there(make_campaign, clp_a, clp_b):
    clp_a.region = Region.LONDON
    clp_a.save(update_fields=["region"])
    make_campaign(audience=Audience.REGION, region=Region.LONDON)
    make_campaign(slug="wales-only", audience=Audience.REGION, region=Region.WALES)
    assert _slugs(clp_a) == ["fair-pay"]
    assert _slugs(clp_b) == ["wales-only"]


def test_a_region_campaign_skips_a_constituency_with_no_region(make_campaign, clp_a):
    clp_a.region = ""
    clp_a.save(update_fields=["region"])
    make_campaign(audience=Audience.REGION, region=Region.LONDON)
    assert _slugs(clp_a) == []


def test_a_campaign_for_a_list_goes_only_to_those_listed(make_campaign, clp_a, clp_b):
    make_campaign(audience=Audience.LIST, constituencies=[clp_b])
    assert _slugs(clp_a) == []
    assert _slugs(clp_b) == ["fair-pay"]


def test_drafts_and_campaigns_not_running_today_go_nowhere(make_campaign, clp_a):
    today = timezone.localdate()
    make_campaign(slug="draft", is_published=False)
    make_campaign(
        slug="later",
        starts_on=today + dt.timedelta(days=2),
        day_of_action_on=today + dt.timedelta(days=3),
    )
    make_campaign(
        slug="over",
        starts_on=today - dt.timedelta(days=9),
        ends_on=today - dt.timedelta(days=1),
        day_of_action_on=today - dt.timedelta(days=5),
    )
    assert _slugs(clp_a) == []
    # An ended campaign's page still answers (saying so); one not begun does not.
    assert campaign_shown_on(clp_a, "over") is not None
    assert campaign_shown_on(clp_a, "later") is None
    assert campaign_shown_on(clp_a, "draft") is None


def test_a_hidden_campaign_is_gone_only_while_staff_allow_hiding(make_campaign, clp_a, clp_b):
    campaign = make_campaign(officers_may_hide=True)
    CampaignOptOut.objects.create(campaign=campaign, constituency=clp_a)
    assert _slugs(clp_a) == []
    assert _slugs(clp_b) == ["fair-pay"]
    campaign.officers_may_hide = False
    campaign.save()
    assert _slugs(clp_a) == ["fair-pay"]


def test_campaigns_for_is_one_query(make_campaign, clp_a, django_assert_num_queries):
    for number in range(5):
        make_campaign(slug=f"campaign-{number}", audience=Audience.LIST, constituencies=[clp_a])
    with django_assert_num_queries(1):
        assert len(list(campaigns_for(clp_a))) == 5


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"ends_on": dt.date(2026, 1, 1), "starts_on": dt.date(2026, 2, 1)}, "ends_on"),
        ({"day_of_action_on": None}, "day_of_action_on"),
        ({"day_of_action_on": dt.date(2020, 1, 1)}, "day_of_action_on"),
        ({"day_of_action_text": "  "}, "day_of_action_text"),
        ({"action": Action.PLEDGE, "pledge_text": ""}, "pledge_text"),
        ({"action": Action.SHARE, "share_message": ""}, "share_message"),
        ({"audience": Audience.NATION}, "nation"),
        ({"audience": Audience.REGION}, "region"),
    ],
)
def test_a_campaign_keeps_its_rules(make_campaign, fields, field):
    with pytest.raises(ValidationError) as caught:
        make_campaign(**fields)
    assert field in caught.value.message_dict


def test_fields_of_another_audience_are_cleared(make_campaign):
    campaign = make_campaign(audience=Audience.ALL, nation=Nation.WALES, region=Region.WALES)
    assert (campaign.nation, campaign.region) == ("", "")


def test_an_image_needs_alt_text(make_campaign):
    with pytest.raises(ValidationError) as caught:
        make_campaign(image=_image(alt=""))
    assert "image" in caught.value.message_dict
