"""Putting one's name to a campaign's pledge, on a constituency's site."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .models import CampaignPledge, NationalCampaign

CONSENT_TEXT = (
    "I agree that the Labour Party may keep my name, email address and postcode to count "
    "this pledge and contact me about this campaign. They are deleted {months} months "
    "after the campaign ends."
)


class AlreadyPledged(Exception):
    """This email address is already on the campaign's pledge."""


def consent_text() -> str:
    return CONSENT_TEXT.format(months=round(settings.PERSONAL_DATA_RETENTION["pledges"] / 30.4))


def _retain_until(campaign: NationalCampaign) -> dt.datetime:
    ends = dt.datetime.combine(campaign.ends_on, dt.time.max, tzinfo=dt.UTC)
    return ends + dt.timedelta(days=settings.PERSONAL_DATA_RETENTION["pledges"])


def pledge(campaign, constituency, *, name: str, email: str, postcode: str, consent: str):
    """Add this person's name to `campaign`'s pledge, from `constituency`'s site.
    Raises ValidationError when the campaign takes no pledges (not a pledge, or not
    running today), and AlreadyPledged when the address has pledged already (anywhere)."""
    if not campaign.takes_pledges:
        raise ValidationError("This campaign is not taking pledges.")
    try:
        with transaction.atomic():
            return CampaignPledge.objects.create(
                campaign=campaign,
                constituency=constituency,
                name=name.strip(),
                email=email.strip(),
                postcode=postcode,
                consent_text=consent,
                retain_until=_retain_until(campaign),
            )
    except IntegrityError:
        raise AlreadyPledged from None
