"""Events linked to a campaign, and the hub's tallies of their sign-ups: kept in step
when sign-ups are made, cancelled or purged and when events are linked, unlinked,
withdrawn or deleted; the hub's pages add them up with the pledges."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from campaigns.models import Audience, CampaignPledge, CampaignTally, NationalCampaign
from campaigns.totals import summary
from constituencies.models import Nation
from constituencies.signups import places
from constituencies.website.campaign_link import campaign_choices
from tests.factories import add_event
from tests.helpers import client_for, page_of, text_of


def _sign_up(event, email, confirm=True):
    """A sign-up to `event`, confirmed by its owner unless told otherwise."""
    signup = places.sign_up(event, name="Someone", email=email, consent="I agree.")
    return places.confirm(signup) if confirm else signup


def _tally(campaign, constituency):
    return CampaignTally.objects.filter(campaign=campaign, constituency=constituency).first()


def test_sign_ups_to_linked_events_are_tallied_per_site(make_campaign, clp_a, in_schema):
    campaign = make_campaign()
    with in_schema(clp_a):
        event = add_event("Fair pay stall", campaign=campaign)
        event.save_revision().publish()
        assert (_tally(campaign, clp_a).linked_events, _tally(campaign, clp_a).event_signups) == (
            1,
            0,
        )
        first = _sign_up(event, "one@example.org")
        _sign_up(event, "two@example.org")
        assert _tally(campaign, clp_a).event_signups == 2
        places.cancel(first)
        assert _tally(campaign, clp_a).event_signups == 1


def test_a_pending_sign_up_counts_once_its_owner_confirms_it(make_campaign, clp_a, in_schema):
    campaign = make_campaign()
    with in_schema(clp_a):
        event = add_event("Fair pay stall", campaign=campaign)
        event.save_revision().publish()
        pending = _sign_up(event, "one@example.org", confirm=False)
        assert _tally(campaign, clp_a).event_signups == 0
        places.confirm(pending)
        assert _tally(campaign, clp_a).event_signups == 1


def test_unlinked_withdrawn_or_deleted_events_stop_counting(make_campaign, clp_a, in_schema):
    campaign = make_campaign()
    with in_schema(clp_a):
        event = add_event("Fair pay stall", campaign=campaign)
        event.save_revision().publish()
        _sign_up(event, "one@example.org")
        event.campaign = None
        event.save_revision().publish()
        assert (_tally(campaign, clp_a).linked_events, _tally(campaign, clp_a).event_signups) == (
            0,
            0,
        )
        event.campaign = campaign
        event.save_revision().publish()
        assert _tally(campaign, clp_a).event_signups == 1
        event.unpublish()
        assert _tally(campaign, clp_a).event_signups == 0
        event.save_revision().publish()
        event.delete()
        assert _tally(campaign, clp_a).linked_events == 0


def test_unlinked_events_are_not_tallied(make_campaign, clp_a, in_schema):
    make_campaign()
    with in_schema(clp_a):
        event = add_event("Quiz night")
        event.save_revision().publish()
        _sign_up(event, "one@example.org")
    assert not CampaignTally.objects.exists()


def test_an_event_may_name_only_campaigns_that_go_to_its_site(make_campaign, clp_a, in_schema):
    everywhere = make_campaign()
    wales = make_campaign(slug="wales", audience=Audience.NATION, nation=Nation.WALES)
    make_campaign(slug="draft", is_published=False)
    with in_schema(clp_a):
        choosable = NationalCampaign.objects.complex_filter(campaign_choices())
        assert list(choosable) == [everywhere]
        with pytest.raises(ValidationError) as caught:
            add_event("Stall", campaign=wales)
        assert caught.value.message_dict["campaign"] == [
            "Choose a national campaign that goes to this site."
        ]


def test_the_hub_adds_up_pledges_and_every_sites_sign_ups(
    pledge_campaign, clp_a, clp_b, in_schema, hub_client
):
    CampaignPledge.objects.create(
        campaign=pledge_campaign,
        constituency=clp_a,
        name="Ada",
        email="ada@example.org",
        postcode="TF1 1AA",
        consent_text="Yes",
        retain_until="2030-01-01T00:00Z",
        confirmed_at="2026-01-01T00:00Z",
    )
    for constituency, emails in ((clp_a, ["a@example.org"]), (clp_b, ["b@example.org", "c@x.org"])):
        with in_schema(constituency):
            event = add_event(f"Homes stall in {constituency.name}", campaign=pledge_campaign)
            event.save_revision().publish()
            for email in emails:
                _sign_up(event, email)
    figures = summary(pledge_campaign)
    assert (figures.pledges, figures.event_signups, figures.sign_ups) == (1, 3, 4)
    assert (figures.participating, figures.with_events) == (2, 2)

    index = text_of(hub_client.get("/campaigns/"))
    assert "Homes for all" in index
    assert "4 sign-ups · 2 constituencies taking part" in index
    detail = page_of(hub_client.get("/campaigns/sign-for-homes/"))
    assert "Testford South</a>: 1 event, 2 sign-ups" in detail
    assert 'href="http://testford-south.localhost/campaigns/sign-for-homes/"' in detail


def test_participating_sites_leave_out_those_that_hid_it(make_campaign, clp_a, clp_b):
    campaign = make_campaign(officers_may_hide=True)
    campaign.opt_outs.create(constituency=clp_a)
    assert summary(campaign).participating == 1
    listed = make_campaign(slug="listed", audience=Audience.LIST, constituencies=[clp_a])
    assert summary(listed).participating == 1


def test_the_hub_pages_are_on_the_hub_only(make_campaign, clp_a, hub_client):
    make_campaign()
    assert client_for(clp_a).get("/campaigns/").status_code == 404
    assert hub_client.get("/campaigns/no-such/").status_code == 404
    make_campaign(slug="draft", is_published=False)
    assert hub_client.get("/campaigns/draft/").status_code == 404


def test_the_hub_index_asks_no_more_with_more_campaigns(
    make_campaign, clp_a, clp_b, hub_client, django_assert_max_num_queries
):
    make_campaign(slug="one")
    with django_assert_max_num_queries(20) as counted:
        hub_client.get("/campaigns/?page=1")
    connection.set_schema_to_public()
    for number in range(5):
        make_campaign(slug=f"list-{number}", audience=Audience.LIST, constituencies=[clp_a])
        make_campaign(slug=f"wales-{number}", audience=Audience.NATION, nation=Nation.WALES)
    with django_assert_max_num_queries(len(counted.captured_queries)):
        response = hub_client.get("/campaigns/?page=2")
    assert text_of(response).count("Fair pay for all") == 11


def test_the_event_editor_offers_only_the_campaigns_going_to_its_site(
    make_campaign, clp_a, in_schema, officer_a
):
    make_campaign(title="Everywhere campaign")
    make_campaign(slug="wales", title="Wales only", audience=Audience.NATION, nation=Nation.WALES)
    with in_schema(clp_a):
        event = add_event("Stall")
    editor = page_of(client_for(clp_a, officer_a).get(f"/admin/pages/{event.pk}/edit/"))
    choices = editor.split('name="campaign"')[1].split("</select>")[0]
    assert "Everywhere campaign" in choices
    assert "Wales only" not in choices


def test_the_hub_pages_share_as_the_campaign(make_campaign, hub_client):
    make_campaign()
    index = hub_client.get("/campaigns/").content.decode()
    assert '<meta property="og:title" content="National campaigns">' in index
    detail = hub_client.get("/campaigns/fair-pay/").content.decode()
    assert '<meta property="og:title" content="Fair pay for all">' in detail
    assert '<meta property="og:description" content="A pay rise for every worker.">' in detail
