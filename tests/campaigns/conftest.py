"""The campaigns tests' fixtures: a campaign made to order."""

import datetime as dt

import pytest
from django.utils import timezone

from campaigns.models import Action, Audience, NationalCampaign


@pytest.fixture
def make_campaign(db):
    """A published campaign running today (a day of action going to every site), with
    any field changed; `constituencies=[...]` for a list."""

    def _make(slug="fair-pay", constituencies=(), **fields):
        today = timezone.localdate()
        values = {
            "title": "Fair pay for all",
            "summary": "A pay rise for every worker.",
            "starts_on": today - dt.timedelta(days=1),
            "ends_on": today + dt.timedelta(days=30),
            "action": Action.DAY_OF_ACTION,
            "day_of_action_on": today + dt.timedelta(days=3),
            "day_of_action_text": "Knock on doors in your high street.",
            "audience": Audience.ALL,
            "is_published": True,
            **fields,
        }
        campaign = NationalCampaign(slug=slug, **values)
        campaign.full_clean()
        campaign.save()
        if constituencies:
            campaign.constituencies.set(constituencies)
        return campaign

    return _make


@pytest.fixture
def pledge_campaign(make_campaign):
    return make_campaign(
        slug="sign-for-homes",
        title="Homes for all",
        action=Action.PLEDGE,
        pledge_text="I back a new generation of council homes.",
        day_of_action_on=None,
        day_of_action_text="",
    )
