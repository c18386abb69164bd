"""Putting one's name to a campaign's pledge, on a constituency's site: the pledge is
stored pending, the person confirms their address through the emailed link (only then
does it count), and the same email links to withdrawing it, which deletes it."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from constituencies.constituency_email import constituency_email, sender_for
from constituencies.page_cache import purge_paths
from outbox.queueing import queue_email
from privacy import consent as consent_wordings

from .models import CampaignPledge, NationalCampaign


class AlreadyPledged(Exception):
    """This email address is already on the campaign's pledge."""


UNKNOWN_LINK = "This link is not valid, or the pledge was withdrawn. Check you copied all of it."


def consent_text() -> str:
    """The pledge form's consent wording today."""
    return consent_wordings.current("pledge").text(
        months=consent_wordings.months(settings.PERSONAL_DATA_RETENTION["pledges"])
    )


def _retain_until(campaign: NationalCampaign) -> dt.datetime:
    ends = dt.datetime.combine(campaign.ends_on, dt.time.max, tzinfo=dt.UTC)
    return ends + dt.timedelta(days=settings.PERSONAL_DATA_RETENTION["pledges"])


def pledge(campaign, constituency, *, name: str, email: str, postcode: str, consent: str):
    """Add this person's name to `campaign`'s pledge, from `constituency`'s site, pending
    until they confirm through the link emailed to them. `consent` is the wording the
    form showed (`consent_text`), stored with its version and the time. Raises
    ValidationError when the campaign takes no pledges (not a pledge, or not running
    today), and AlreadyPledged when the address has pledged already (anywhere; a
    pending pledge's owner is sent the link again)."""
    if not campaign.takes_pledges:
        raise ValidationError("This campaign is not taking pledges.")
    try:
        with transaction.atomic():
            made = CampaignPledge.objects.create(
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
            _ask_to_confirm(made, constituency)
            return made
    except IntegrityError:
        pending = CampaignPledge.objects.filter(
            campaign=campaign, email__iexact=email.strip(), confirmed_at__isnull=True
        ).first()
        if pending is not None:
            with transaction.atomic():
                _ask_to_confirm(pending, constituency)
        raise AlreadyPledged from None


def _ask_to_confirm(made: CampaignPledge, constituency) -> None:
    # From the site's own schema: its look, and its outbox.
    with constituency:
        _queue_request(made, constituency)


def _queue_request(made: CampaignPledge, constituency) -> None:
    sender = sender_for(constituency)
    message = constituency_email(
        sender,
        subject=f"Confirm your name on the pledge: {made.campaign.title}",
        template="campaigns/email/confirm_pledge",
        context={
            "pledge": made,
            "campaign": made.campaign,
            "days": settings.PLEDGE_CONFIRMATION_DAYS,
            "confirm_url": constituency.url_for(path=f"/pledges/{made.token}/confirm/"),
            "cancel_url": constituency.url_for(path=f"/pledges/{made.token}/withdraw/"),
            "cancel_text": "To take your name off the pledge and have us delete your details",
            "cancel_link_text": "Withdraw my pledge",
        },
        to=[made.email],
        why=f"You're getting this email because this address was given to sign the "
        f"pledge on the {sender.name} website.",
    )
    queue_email(message, about="pledges.confirmation", about_id=made.pk)


def pledge_for_link(token: str) -> CampaignPledge:
    """The pledge a link is for. Raises ValidationError for an unknown one."""
    found = CampaignPledge.objects.select_related("campaign").filter(token=token).first()
    if found is None:
        raise ValidationError(UNKNOWN_LINK)
    return found


@transaction.atomic
def confirm_pledge(token: str) -> CampaignPledge:
    """Its owner pressed Confirm on the link's page: the pledge counts from now. Raises
    ValidationError for an unknown link, or one older than PLEDGE_CONFIRMATION_DAYS."""
    found = pledge_for_link(token)
    if found.confirmed_at is not None:
        return found
    if timezone.now() - found.created_at > dt.timedelta(days=settings.PLEDGE_CONFIRMATION_DAYS):
        raise ValidationError("This link has expired. Please sign the pledge again.")
    found.confirmed_at = timezone.now()
    found.save(update_fields=["confirmed_at"])
    purge_paths([found.campaign.path], found.constituency)  # its count moved
    return found


@transaction.atomic
def withdraw_pledge(token: str) -> CampaignPledge:
    """Take the name off the pledge: the pledge and its personal data are deleted."""
    found = pledge_for_link(token)
    found.delete()
    if found.confirmed_at is not None:
        purge_paths([found.campaign.path], found.constituency)
    return found
