"""National campaigns in the admin. On the hub, central staff's "National campaigns"
screens: create, edit, publish and withdraw campaigns, with their figures. On each
constituency's site, "National campaigns" lists those going to the site, where its
designated administrators may hide one (where staff let them) and every officer finds
its publicity kit."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from labourhub.tenancy import on_hub
from roles.access import can_use_admin

from . import admin_views, totals
from .forms import CampaignAdminForm
from .models import NationalCampaign
from .publishing import campaign_saved


class CentralStaffOnHubPolicy(ModelPermissionPolicy):
    """Campaigns are central staff's, on the hub: a constituency's admin, which reaches
    the same table through its search path, grants nothing on them."""

    def user_has_permission(self, user, action):
        return on_hub() and user.is_active and user.is_central_staff

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)


class CampaignIndexView(IndexView):
    """The campaigns with their figures: those of the listed page's campaigns, worked
    out together in a fixed number of queries (campaigns.totals)."""

    def get_table(self, object_list):
        campaigns = list(object_list)
        figures = {
            summary.campaign.pk: summary
            for summary in totals.summaries(
                NationalCampaign.objects.filter(pk__in=[c.pk for c in campaigns])
            )
        }
        for campaign in campaigns:
            campaign.figures = figures[campaign.pk]
        return super().get_table(campaigns)


class CampaignCreateView(CreateView):
    def save_instance(self):
        campaign = super().save_instance()
        campaign_saved(campaign, by=self.request.user, created=True, was_published=False)
        return campaign


class CampaignEditView(EditView):
    def get_object(self, queryset=None):
        campaign = super().get_object(queryset)
        self.was_published = campaign.is_published
        return campaign

    def save_instance(self):
        campaign = super().save_instance()
        campaign_saved(
            campaign, by=self.request.user, created=False, was_published=self.was_published
        )
        return campaign


class CampaignDeleteView(DeleteView):
    """Only a campaign never published may be deleted: a published one has pledges,
    tallies and events linked to it on sites. Withdraw it instead (untick published)."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.published_at is not None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class NationalCampaignViewSet(ModelViewSet):
    model = NationalCampaign
    icon = "pick"
    menu_label = "National campaigns"
    menu_name = "national-campaigns"
    menu_order = 340
    add_to_admin_menu = True
    index_view_class = CampaignIndexView
    add_view_class = CampaignCreateView
    edit_view_class = CampaignEditView
    delete_view_class = CampaignDeleteView
    list_display = [
        "title",
        "audience",
        "starts_on",
        "ends_on",
        BooleanColumn("is_published", label="Published"),
        Column("sign_ups", label="Sign-ups", accessor="figures.sign_ups"),
        Column("participating", label="Taking part", accessor="figures.participating"),
        Column("with_events", label="With events", accessor="figures.with_events"),
    ]
    list_filter = ["is_published", "audience", "action"]
    search_fields = ["title", "summary"]
    search_backend_name = None  # a plain database filter; no Wagtail search index
    edit_handler = ObjectList(NationalCampaign.panels, base_form_class=CampaignAdminForm)

    @cached_property
    def permission_policy(self):
        return CentralStaffOnHubPolicy(self.model)


@hooks.register("register_admin_viewset")
def register_national_campaigns():
    return NationalCampaignViewSet("national_campaigns")


# --- on each constituency's site ---------------------------------------------------------

app_name = "site_campaigns"
urlpatterns = [
    path("", admin_views.SiteCampaignsView.as_view(), name="index"),
    path("<slug:slug>/hide/", admin_views.hide_campaign, name="hide"),
    path("<slug:slug>/show/", admin_views.show_campaign, name="show"),
]


@hooks.register("register_admin_urls")
def register_site_campaign_urls():
    return [path("site-campaigns/", include((urlpatterns, app_name), namespace=app_name))]


class SiteCampaignsMenuItem(MenuItem):
    def is_shown(self, request):
        return not on_hub() and can_use_admin(request.user, getattr(request, "tenant", None))


@hooks.register("register_admin_menu_item")
def site_campaigns_menu_item():
    return SiteCampaignsMenuItem(
        "National campaigns",
        "/admin/site-campaigns/",
        name="site-campaigns",
        icon_name="pick",
        order=250,
    )
