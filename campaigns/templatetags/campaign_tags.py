"""The national campaigns on a constituency's site: the home page's list, and how a
campaign's page looks when shared."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator

from constituencies.site_names import site_name
from constituencies.website.chrome import remembered
from labourhub import http_cache

from .. import pictures
from ..audience import campaigns_for
from ..models import Action, NationalCampaign, midnight_after
from ..wording import campaign_words

register = template.Library()

CARD_SIZE = (1200, 630)  # the share card's (publicity.share_card)


@dataclass(frozen=True)
class ShownCampaign:
    campaign: NationalCampaign
    picture: pictures.Picture | None


@dataclass(frozen=True)
class HomeCampaigns:
    shown: list[ShownCampaign]
    changes_at: object  # when a campaign starts or ends here next, or None


def _home_campaigns(constituency) -> HomeCampaigns:
    today = timezone.localdate()
    shown = [
        ShownCampaign(campaign, pictures.picture(campaign, pictures.CARD))
        for campaign in campaigns_for(constituency, today)
    ]
    moments = [midnight_after(item.campaign.ends_on) for item in shown]
    next_start = (
        NationalCampaign.objects.published()
        .going_to(constituency)
        .filter(starts_on__gt=today)
        .aggregate(first=Min("starts_on"))["first"]
    )
    if next_start is not None:
        moments.append(midnight_after(next_start - timezone.timedelta(days=1)))
    return HomeCampaigns(shown, min(moments, default=None))


def _seconds_until(home: HomeCampaigns) -> int | None:
    if home.changes_at is None:
        return None
    return max(0, int((home.changes_at - timezone.now()).total_seconds()))


@register.inclusion_tag("campaigns/includes/home_campaigns.html", takes_context=True)
def home_campaigns(context):
    """The live campaigns this site shows. Kept with the site's other lists until it is
    purged (a campaign saved, hidden or shown) or one starts or ends."""
    request = context["request"]
    home = remembered(
        request,
        "national-campaigns",
        lambda: _home_campaigns(request.tenant),
        lasts=_seconds_until,
    )
    http_cache.fresh_until(request, home.changes_at)
    return {
        "campaigns": [
            {
                "campaign": item.campaign,
                "words": campaign_words(item.campaign),
                "picture": item.picture,
            }
            for item in home.shown
        ]
    }


@register.inclusion_tag("campaigns/includes/event_campaign.html", takes_context=True)
def event_campaign(context, event):
    """On an event's page, the national campaign it is part of, when that campaign's page
    answers on this site (one query, and only for a linked event)."""
    if not event.campaign_id:
        return {}
    campaign = (
        NationalCampaign.objects.started()
        .not_hidden_by(context["request"].tenant)
        .filter(pk=event.campaign_id)
        .first()
    )
    return {"campaign": campaign, "words": campaign_words(campaign) if campaign else None}


@register.inclusion_tag("website/includes/share_meta.html", takes_context=True)
def campaign_share_meta(context, campaign):
    """Open Graph and Twitter card tags: the campaign's image at 1200×630, or its share
    card (the same size) when it has none."""
    request = context["request"]
    words = campaign_words(campaign)
    wide = pictures.picture(campaign, pictures.WIDE)
    if wide is not None:
        image_url, size = wide.url, (wide.width, wide.height)
        image_alt = words.image_alt or wide.alt
    else:
        image_url = reverse("campaign_card", args=[campaign.slug])
        image_alt = _card_alt(campaign)
        size = CARD_SIZE
    if "://" not in image_url:  # object storage gives images addresses of their own
        image_url = request.tenant.url_for(request, image_url)
    return {
        "site_name": site_name(request.tenant),
        "type": "website",
        "title": words.title,
        "description": Truncator(words.share_text).chars(200),
        "url": request.tenant.url_for(request, words.path),
        "image_url": image_url,
        "image_alt": image_alt,
        "image_width": size[0],
        "image_height": size[1],
    }


@register.inclusion_tag("campaigns/includes/share_links.html", takes_context=True)
def campaign_share_links(context, campaign):
    request = context["request"]
    words = campaign_words(campaign)
    url = request.tenant.url_for(request, words.path)
    text = words.share_message if campaign.action == Action.SHARE else words.title
    return {"url": url, "title": words.title, "text_and_url": f"{text} {url}"}


def _card_alt(campaign) -> str:
    """The share card's alt text: the card shows the English words."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{campaign.title}: {campaign.when}"
