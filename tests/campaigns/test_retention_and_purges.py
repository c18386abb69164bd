"""Pledges are kept only for their retention period (personal_data.retention); a
campaign saved by staff retires every site's cached pages once it commits."""

import datetime as dt

from django.db import connection
from django.utils import timezone

from campaigns import pledging
from campaigns.models import Action, CampaignPledge
from campaigns.publishing import campaign_saved
from campaigns.tasks import purge_campaign_sites
from personal_data.retention import apply_retention
from personal_data.tasks import apply_retention_everywhere
from tests.constituencies.website.shared import _image
from tests.helpers import client_for

PLEDGE = {
    "action": Action.PLEDGE,
    "pledge_text": "I back it.",
    "day_of_action_on": None,
    "day_of_action_text": "",
}


def _pledge(campaign, constituency, email):
    return CampaignPledge.objects.create(
        campaign=campaign,
        constituency=constituency,
        name="Someone",
        email=email,
        postcode="TF1 1AA",
        consent_text="Yes",
        retain_until=timezone.now(),
    )


def test_pledges_to_campaigns_ended_longer_ago_than_the_period_are_purged_nightly(
    make_campaign, clp_a, settings
):
    days = settings.PERSONAL_DATA_RETENTION["pledges"]
    today = timezone.localdate()
    ended = make_campaign(
        slug="ended",
        starts_on=today - dt.timedelta(days=days + 60),
        ends_on=today - dt.timedelta(days=days + 1),
        **PLEDGE,
    )
    ending = make_campaign(
        slug="ending",
        starts_on=today - dt.timedelta(days=days + 60),
        ends_on=today - dt.timedelta(days=days - 1),
        **PLEDGE,
    )
    _pledge(ended, clp_a, "old@example.org")
    kept = _pledge(ending, clp_a, "new@example.org")
    assert apply_retention_everywhere.delay().get()["totals"] == {"pledges": 1}
    assert list(CampaignPledge.objects.all()) == [kept]


def test_a_pledge_is_kept_for_the_retention_period_after_the_campaign_ends(
    pledge_campaign, clp_a, settings
):
    settings.PERSONAL_DATA_RETENTION = {**settings.PERSONAL_DATA_RETENTION, "pledges": 100}
    made = pledging.pledge(
        pledge_campaign,
        clp_a,
        name="Ada",
        email="ada@example.org",
        postcode="TF1 1AA",
        consent=pledging.consent_text(),
    )
    pledging.confirm_pledge(made.token)  # one never confirmed goes after a week
    assert made.retain_until.date() == pledge_campaign.ends_on + dt.timedelta(days=100)
    assert "deleted 3 months after the campaign ends" in made.consent_text
    last_day_kept = dt.datetime.combine(
        pledge_campaign.ends_on + dt.timedelta(days=100), dt.time(12), tzinfo=dt.UTC
    )
    apply_retention(now=last_day_kept)
    assert CampaignPledge.objects.filter(pk=made.pk).exists()
    apply_retention(now=last_day_kept + dt.timedelta(days=1))
    assert not CampaignPledge.objects.filter(pk=made.pk).exists()


def test_publishing_a_campaign_retires_every_sites_cached_pages(
    make_campaign, clp_a, clp_b, staff_user, django_capture_on_commit_callbacks
):
    for constituency in (clp_a, clp_b):
        client_for(constituency).get("/")
        assert client_for(constituency).get("/").headers["X-Page-Cache"] == "hit"
    campaign = make_campaign(title="Brand new campaign")
    with django_capture_on_commit_callbacks(execute=True):
        campaign_saved(campaign, by=staff_user, created=True, was_published=False)
    for constituency in (clp_a, clp_b):
        response = client_for(constituency).get("/")
        assert response.headers["X-Page-Cache"] == "miss"
        assert "Brand new campaign" in response.content.decode()


def test_a_draft_saved_purges_nothing(
    make_campaign, staff_user, django_capture_on_commit_callbacks
):
    draft = make_campaign(is_published=False)
    with django_capture_on_commit_callbacks() as callbacks:
        campaign_saved(draft, by=staff_user, created=True, was_published=False)
    assert callbacks == []


def test_the_purge_task_purges_every_active_site(clp_a, clp_b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_campaign_sites() >= 2


def test_changing_a_campaigns_image_on_the_hub_shows_everywhere(
    make_campaign, clp_a, django_capture_on_commit_callbacks
):
    image = _image(alt="First picture")
    make_campaign(image=image)
    assert "First picture" in client_for(clp_a).get("/campaigns/fair-pay/").content.decode()
    connection.set_schema_to_public()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        image.description = "Second picture"
        image.save()
    assert callbacks  # every site is purged
    assert "Second picture" in client_for(clp_a).get("/campaigns/fair-pay/").content.decode()


def test_a_pledge_never_confirmed_goes_a_week_after_it_was_made(pledge_campaign, clp_a):
    made = pledging.pledge(
        pledge_campaign,
        clp_a,
        name="Ada",
        email="ada@example.org",
        postcode="TF1 1AA",
        consent=pledging.consent_text(),
    )
    confirmed = pledging.pledge(
        pledge_campaign,
        clp_a,
        name="Bea",
        email="bea@example.org",
        postcode="TF1 1AA",
        consent=pledging.consent_text(),
    )
    pledging.confirm_pledge(confirmed.token)
    apply_retention(now=made.created_at + dt.timedelta(days=7) - dt.timedelta(minutes=1))
    assert CampaignPledge.objects.filter(pk=made.pk).exists()
    run = apply_retention(now=made.created_at + dt.timedelta(days=7, minutes=1))
    assert not CampaignPledge.objects.filter(pk=made.pk).exists()
    assert CampaignPledge.objects.filter(pk=confirmed.pk).exists()
    assert run.totals["unconfirmed_pledges"] == 1
