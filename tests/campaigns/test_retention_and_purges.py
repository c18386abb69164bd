"""Pledges are kept only for their retention period; a campaign saved by staff retires
every site's cached pages once it commits."""

import datetime as dt

from django.db import connection
from django.utils import timezone

from campaigns import pledging
from campaigns.models import CampaignPledge
from campaigns.publishing import campaign_saved
from campaigns.tasks import purge_campaign_sites, purge_expired_pledges
from labourhub.celery import app
from tests.constituencies.website.shared import _image
from tests.helpers import client_for


def _pledge(campaign, constituency, email, retain_until):
    return CampaignPledge.objects.create(
        campaign=campaign,
        constituency=constituency,
        name="Someone",
        email=email,
        postcode="TF1 1AA",
        consent_text="Yes",
        retain_until=retain_until,
    )


def test_pledges_past_their_retention_date_are_purged_daily(pledge_campaign, clp_a):
    now = timezone.now()
    _pledge(pledge_campaign, clp_a, "old@example.org", now - dt.timedelta(minutes=1))
    kept = _pledge(pledge_campaign, clp_a, "new@example.org", now + dt.timedelta(days=1))
    assert purge_expired_pledges() == 1
    assert list(CampaignPledge.objects.all()) == [kept]
    schedule = app.conf.beat_schedule["purge-expired-pledges"]
    assert schedule["task"] == "campaigns.tasks.purge_expired_pledges"


def test_a_pledge_is_kept_for_the_retention_period_after_the_campaign_ends(
    pledge_campaign, clp_a, settings
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 100
    made = pledging.pledge(
        pledge_campaign,
        clp_a,
        name="Ada",
        email="ada@example.org",
        postcode="TF1 1AA",
        consent=pledging.consent_text(),
    )
    assert made.retain_until.date() == pledge_campaign.ends_on + dt.timedelta(days=100)
    assert "deleted 3 months after the campaign ends" in made.consent_text


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
