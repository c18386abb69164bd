"""URLs of the hub (the public schema): the constituency directory, accounts and
central staff's Wagtail admin. Membersnet joins here."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from campaigns import hub_views as campaign_views
from constituencies import page_position
from constituencies import views as constituency_views
from constituencies.event_listings import views as event_listing_views
from labourhub import csp_reports, favicon, hub_sitemap, wagtail_exports
from labourhub.media import media_urlpatterns
from privacy import views as privacy_views

urlpatterns = [
    path("", constituency_views.directory, name="directory"),
    path("events/", event_listing_views.upcoming_events, name="hub_events"),
    path("robots.txt", constituency_views.hub_robots_txt, name="hub_robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": hub_sitemap.SITEMAPS}, name="hub_sitemap"),
    path("favicon.ico", favicon.favicon_ico, name="favicon"),
    path("csp-report/", csp_reports.csp_report, name="csp_report"),
    path("privacy/", privacy_views.hub_notice, name="hub_privacy_notice"),
    path("accounts/", include("allauth.urls")),
    path("membersnet/", include("membersnet.urls")),
    path("official/", include("governance.urls")),
    path("campaigns/", campaign_views.campaign_index, name="campaign_index"),
    path("campaigns/<slug:slug>/", campaign_views.campaign_detail, name="campaign_detail"),
    *page_position.urlpatterns,
    *wagtail_exports.urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    urlpatterns += media_urlpatterns()

handler500 = "labourhub.outage.server_error"
