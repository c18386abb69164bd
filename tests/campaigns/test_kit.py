"""A national campaign's publicity kit in a constituency's admin: share text for every
network and the share card, for this site's officers, on the sites it goes to."""

import pytest

from campaigns.models import Action, CampaignOptOut
from labourhub.social_posts import SOCIAL_NETWORKS
from tests.helpers import client_for, html_of, page_of

KIT = "/admin/publicity/campaigns/fair-pay/"


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("member_user", 403),
        ("editor_a", 200),
        ("officer_a", 200),
        ("officer_b", 403),
        ("staff_user", 200),
    ],
)
def test_the_kit_opens_to_this_sites_officers_and_staff(
    request, make_campaign, clp_a, who, expected
):
    make_campaign()
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_for(clp_a, user).get(KIT)
    if expected == "login":
        assert response.status_code == 302
    else:
        assert response.status_code == expected


def test_the_kit_has_a_post_for_every_network_and_the_card(make_campaign, clp_a, officer_a):
    make_campaign()
    html = page_of(client_for(clp_a, officer_a).get(KIT))
    for network in SOCIAL_NETWORKS:
        assert f'id="post-{network.key}"' in html
    assert "Day of action: " in html
    assert "http://testford-north.localhost/campaigns/fair-pay/" in html
    assert 'src="/campaigns/fair-pay/card.png?v=' in html
    card = client_for(clp_a, officer_a).get("/campaigns/fair-pay/card.png?download")
    assert card["Content-Disposition"] == 'attachment; filename="fair-pay-card.png"'


def test_a_message_to_share_is_what_the_posts_say(make_campaign, clp_a, officer_a):
    make_campaign(
        action=Action.SHARE,
        share_message="Every worker deserves a pay rise this year.",
        day_of_action_on=None,
        day_of_action_text="",
    )
    html = html_of(client_for(clp_a, officer_a).get(KIT))
    assert "Every worker deserves a pay rise this year." in html


def test_no_kit_where_the_campaign_does_not_go_or_was_hidden(
    make_campaign, clp_a, clp_b, officer_a, officer_b, staff_user
):
    campaign = make_campaign(officers_may_hide=True, audience="list", constituencies=[clp_a])
    assert client_for(clp_b, officer_b).get(KIT).status_code == 404
    CampaignOptOut.objects.create(campaign=campaign, constituency=clp_a)
    assert client_for(clp_a, officer_a).get(KIT).status_code == 404
    assert client_for("localhost", staff_user).get(KIT).status_code == 404


def test_the_site_screen_links_each_campaign_to_its_kit(make_campaign, clp_a, editor_a):
    make_campaign()
    screen = page_of(client_for(clp_a, editor_a).get("/admin/site-campaigns/"))
    assert f'href="{KIT}"' in screen


def test_the_card_etag_saves_drawing_it_again(make_campaign, clp_a):
    make_campaign()
    first = client_for(clp_a).get("/campaigns/fair-pay/card.png")
    again = client_for(clp_a).get("/campaigns/fair-pay/card.png", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
