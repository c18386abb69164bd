"""Putting one's name to a campaign's pledge, on a constituency's site."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from privacy import consent as consent_wordings

from .models import CampaignPledge, NationalCampaign


class AlreadyPledged(Exception):
    """This email address is already on the campaign's pledge."""


def consent_text() -> str:
    """The pledge form's consent wording today."""
    return consent_wordings.current("pledge").text(
        months=consent_wordings.months(settings.PERSONAL_DATA_RETENTION["pledges"])
    )


def _retain_until(campaign: NationalCampaign) -> dt.datetime:
    ends = dt.datetime.combine(campaign.ends_on, dt.time.max, tzinfo=dt.UTC)
    return ends + dt.timedelta(days=settings.PERSONAL_DATA_RETENTION["pledges"])


def pledge(campaign, constituency, *, name: str, email: str, postcode: str, consent: str):
    """Add this person's name to `campaign`'s pledge, from `constituency`'s site.
    `consent` is the wording the form showed (`consent_text`), stored with its version
    and the time. Raises ValidationError when the campaign takes no pledges (not a
    pledge, or not running today), and AlreadyPledged when the address has pledged
    already (anywhere)."""
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
                retain_until=_retain_until(campaign),
                **consent_wordings.Consent.given(
                    consent_wordings.current("pledge"), consent
                ).fields(),
            )
    except IntegrityError:
        raise AlreadyPledged from None
