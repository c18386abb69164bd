"""A national campaign's publicity kit on a constituency's site: in its admin
(/admin/publicity/campaigns/<slug>/), share text per network and the share card; and
the card itself, public (/campaigns/<slug>/card.png), which the campaign's page gives
social networks as its image."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from campaigns.models import Action
from campaigns.site_views import get_campaign_for_site
from constituencies.website.models import SiteSettings
from roles.access import can_use_admin

from . import share_card, share_text


def _card_content(request, campaign) -> dict:
    return {
        "party": f"{request.tenant.name} Labour",
        "title": " ".join(campaign.title.split()),
        "when": campaign.when,
        "place": "National campaign",
        "accent": SiteSettings.for_request(request).accent_colour or share_card.DEFAULT_ACCENT,
    }


def _facts(request, campaign) -> share_text.EventFacts:
    words = campaign.share_message if campaign.action == Action.SHARE else campaign.summary
    return share_text.EventFacts(
        title=campaign.title,
        when=campaign.when,
        url=request.tenant.url_for(request, campaign.path),
        summary=words,
    )


@require_safe
def card(request, slug):
    """The campaign's share card for this site: 1200×630, as its og:image says."""
    campaign = get_campaign_for_site(request, slug)
    response, _fingerprint = share_card.card_response(
        request, _card_content(request, campaign), f"{campaign.slug}-card.png"
    )
    return response


class CampaignKitView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "publicity/campaign_kit.html"
    page_title = "Publicity kit"
    header_icon = "calendar-check"

    def dispatch(self, request, *args, **kwargs):
        # The admin gate has turned away everyone who may not use this site's admin; asked
        # again so that the kit never rests on the order of the middleware alone.
        if not can_use_admin(request.user, getattr(request, "tenant", None)):
            raise PermissionDenied
        self.campaign = get_campaign_for_site(request, kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_header_title(self):
        return f"Publicity kit: {self.campaign.title}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("site_campaigns:index"), "label": "National campaigns"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request, campaign = self.request, self.campaign
        context.update(
            campaign=campaign,
            page_url=request.tenant.url_for(request, campaign.path),
            posts=share_text.posts(_facts(request, campaign)),
            card_version=share_card.card_fingerprint(_card_content(request, campaign))[:16],
        )
        return context
