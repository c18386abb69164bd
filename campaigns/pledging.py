"""Putting one's name to a campaign's pledge, on a constituency's site: the pledge is
stored pending, the person confirms their address through the emailed link (only then
does it count), and the same email links to withdrawing it, which deletes it."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from constituencies.constituency_email import constituency_email, sender_for
from constituencies.languages.alternates import path_in
from constituencies.page_cache import purge_paths
from outbox.queueing import queue_email
from privacy import consent as consent_wordings

from .models import CampaignPledge, NationalCampaign
from .wording import campaign_words


class AlreadyPledged(Exception):
    """This email address is already on the campaign's pledge."""


UNKNOWN_LINK = gettext_lazy(
    "This link is not valid, or the pledge was withdrawn. Check you copied all of it."
)
UNKNOWN_LINK_CODE = "unknown_link"


def consent_text(language: str = settings.LANGUAGE_CODE) -> str:
    """The pledge form's consent wording today, in `language`."""
    return consent_wordings.current("pledge").text_in(
        language, months=consent_wordings.months(settings.PERSONAL_DATA_RETENTION["pledges"])
    )


def _retain_until(campaign: NationalCampaign) -> dt.datetime:
    ends = dt.datetime.combine(campaign.ends_on, dt.time.max, tzinfo=dt.UTC)
    return ends + dt.timedelta(days=settings.PERSONAL_DATA_RETENTION["pledges"])


def pledge(
    campaign,
    constituency,
    *,
    name: str,
    email: str,
    postcode: str,
    consent: str,
    language: str = settings.LANGUAGE_CODE,
):
    """Add this person's name to `campaign`'s pledge, from `constituency`'s site, pending
    until they confirm through the link emailed to them. `consent` is the wording the
    form showed (`consent_text`), stored with its version and the time; `language` is
    the one they signed in, which their email and its links are in. Raises
    ValidationError when the campaign takes no pledges (not a pledge, or not running
    today), and AlreadyPledged when the address has pledged already (anywhere; a
    pending pledge's owner is sent the link again)."""
    if not campaign.takes_pledges:
        raise ValidationError(gettext("This campaign is not taking pledges."))
    try:
        with transaction.atomic():
            made = CampaignPledge.objects.create(
                campaign=campaign,
                constituency=constituency,
                name=name.strip(),
                email=email.strip(),
                postcode=postcode,
                language=language,
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
                # Asked again, in the language they use now.
                pending.language = language
                pending.save(update_fields=["language"])
                _ask_to_confirm(pending, constituency)
        raise AlreadyPledged from None


def _ask_to_confirm(made: CampaignPledge, constituency) -> None:
    # From the site's own schema: its look, and its outbox; in the pledger's language.
    with constituency, translation.override(made.language):
        _queue_request(made, constituency)


def _link(constituency, made: CampaignPledge, action: str) -> str:
    """The emailed link to confirm or withdraw, under /cy/ for a pledge made in Welsh."""
    return constituency.url_for(path=path_in(made.language, f"/pledges/{made.token}/{action}/"))


def _queue_request(made: CampaignPledge, constituency) -> None:
    sender = sender_for(constituency)
    words = campaign_words(made.campaign, made.language)
    message = constituency_email(
        sender,
        subject=gettext("Confirm your name on the pledge: %(title)s") % {"title": words.title},
        template="campaigns/email/confirm_pledge",
        context={
            "pledge": made,
            "campaign": made.campaign,
            "words": words,
            "days": settings.PLEDGE_CONFIRMATION_DAYS,
            "confirm_url": _link(constituency, made, "confirm"),
            "cancel_url": _link(constituency, made, "withdraw"),
            "cancel_text": gettext(
                "To take your name off the pledge and have us delete your details"
            ),
            "cancel_link_text": gettext("Withdraw my pledge"),
        },
        to=[made.email],
        why=gettext(
            "You're getting this email because this address was given to sign the "
            "pledge on the %(site)s website."
        )
        % {"site": sender.name},
    )
    queue_email(message, about="pledges.confirmation", about_id=made.pk)


def pledge_for_link(token: str) -> CampaignPledge:
    """The pledge a link is for. Raises ValidationError for an unknown one."""
    found = CampaignPledge.objects.select_related("campaign").filter(token=token).first()
    if found is None:
        raise ValidationError(UNKNOWN_LINK, code=UNKNOWN_LINK_CODE)
    return found


def _campaign_paths(campaign) -> list[str]:
    """The campaign's page in each language a site may show it in."""
    return [path_in(language, campaign.path) for language, _ in settings.LANGUAGES]


@transaction.atomic
def confirm_pledge(token: str) -> CampaignPledge:
    """Its owner pressed Confirm on the link's page: the pledge counts from now. Raises
    ValidationError for an unknown link, or one older than PLEDGE_CONFIRMATION_DAYS."""
    found = pledge_for_link(token)
    if found.confirmed_at is not None:
        return found
    if timezone.now() - found.created_at > dt.timedelta(days=settings.PLEDGE_CONFIRMATION_DAYS):
        raise ValidationError(gettext("This link has expired. Please sign the pledge again."))
    found.confirmed_at = timezone.now()
    found.save(update_fields=["confirmed_at"])
    purge_paths(_campaign_paths(found.campaign), found.constituency)  # its count moved
    return found


@transaction.atomic
def withdraw_pledge(token: str) -> CampaignPledge:
    """Take the name off the pledge: the pledge and its personal data are deleted."""
    found = pledge_for_link(token)
    found.delete()
    if found.confirmed_at is not None:
        purge_paths(_campaign_paths(found.campaign), found.constituency)
    return found
