"""The site's "National campaigns" screen in a constituency's admin: the campaigns going
to it, with a way to hide one (or show it again) for its designated administrators,
where central staff allow it, and each one's publicity kit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from roles.access import can_use_admin

from . import hiding
from .models import CampaignOptOut, NationalCampaign


def _site_of(request):
    """The constituency whose admin this is, for someone who may use it; 404 on the hub."""
    tenant = getattr(request, "tenant", None)
    if not getattr(tenant, "is_site", False):
        raise Http404("National campaigns are chosen on each constituency's site.")
    if not can_use_admin(request.user, tenant):
        raise PermissionDenied
    return tenant


class SiteCampaignsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "campaigns/admin/site_campaigns.html"
    page_title = "National campaigns"
    header_icon = "pick"

    def dispatch(self, request, *args, **kwargs):
        self.constituency = _site_of(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        # Without its own crumb the header names the screen "Home".
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        campaigns = list(
            NationalCampaign.objects.published()
            .going_to(self.constituency)
            .filter(ends_on__gte=today)
            .order_by("starts_on", "pk")
        )
        hidden = set(
            CampaignOptOut.objects.filter(constituency_id=self.constituency.pk).values_list(
                "campaign_id", flat=True
            )
        )
        context.update(
            rows=[
                {
                    "campaign": campaign,
                    "hidden": campaign.officers_may_hide and campaign.pk in hidden,
                    "started": campaign.starts_on <= today,
                }
                for campaign in campaigns
            ],
            may_choose=hiding.may_choose_campaigns(self.request.user, self.constituency),
        )
        return context


def _change(request, slug, operation, done: str):
    constituency = _site_of(request)
    campaign = get_object_or_404(
        NationalCampaign.objects.published().going_to(constituency), slug=slug
    )
    try:
        operation(campaign, constituency, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done.format(title=campaign.title))
    return redirect("site_campaigns:index")


@require_POST
def hide_campaign(request, slug):
    return _change(request, slug, hiding.hide, "“{title}” is hidden from your site.")


@require_POST
def show_campaign(request, slug):
    return _change(request, slug, hiding.show, "“{title}” is shown on your site again.")
