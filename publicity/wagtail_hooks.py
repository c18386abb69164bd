"""The publicity kit in a constituency's admin: its URLs under /admin/publicity/, and a
link to it from a key event's edit page and from the page listing."""

from django.urls import include, path
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from constituencies.website.models import EventPage

from . import campaign_views, views

app_name = "publicity"
urlpatterns = [
    path("<int:page_id>/", views.KitView.as_view(), name="kit"),
    path("<int:page_id>/card.png", views.card, name="card"),
    path("<int:page_id>/qr-code.svg", views.qr_code, name="qr_code"),
    path("<int:page_id>/checklist/<int:item_id>/", views.checklist_item, name="checklist_item"),
    path("campaigns/<slug:slug>/", campaign_views.CampaignKitView.as_view(), name="campaign_kit"),
]


@hooks.register("register_admin_urls")
def register_publicity_admin_urls():
    return [path("publicity/", include((urlpatterns, app_name), namespace=app_name))]


class PublicityKitMenuItem(PageMenuItem):
    label = "Publicity kit"
    icon_name = "calendar-check"
    url_name = "publicity:kit"


@hooks.register("register_page_header_buttons")
def publicity_kit_in_the_page_header(page, user, view_name, next_url=None):
    # The editor shows the latest draft; the kit follows the event as stored.
    if isinstance(page, EventPage) and (
        EventPage.objects.filter(pk=page.pk, is_key_event=True).exists()
    ):
        yield PublicityKitMenuItem(page=page, priority=25)


@hooks.register("register_page_listing_more_buttons")
def publicity_kit_in_the_page_listing(page, user, next_url=None):
    if isinstance(page, EventPage) and page.is_key_event:
        yield PublicityKitMenuItem(page=page, priority=7)
