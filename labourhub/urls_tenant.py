"""URLs of every constituency site: its Wagtail admin (behind the role gate),
accounts, and its pages, served by Wagtail. What visitors read is in English at /... and,
on a site that offers Welsh, in Welsh at /cy/... (constituencies.languages)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from campaigns import site_views as campaign_views
from constituencies import page_position
from constituencies.contact import views as contact_views
from constituencies.languages import views as language_views
from constituencies.signups import views as signup_views
from constituencies.website import favicon as site_favicon
from constituencies.website import privacy_notice, sitemap
from constituencies.website import views as website_views
from labourhub import csp_reports, favicon, wagtail_exports
from labourhub.media import media_urlpatterns
from publicity import campaign_views as campaign_kit_views

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    # Wagtail's own login form (for private pages) would sign people in without the
    # second factor: the account login does it properly.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    *page_position.urlpatterns,
    *wagtail_exports.urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap.sitemap_xml, name="sitemap"),
    path("robots.txt", website_views.robots_txt, name="robots_txt"),
    path("favicon.ico", favicon.favicon_ico, name="favicon"),
    path("favicon.svg", site_favicon.favicon_svg, name="site_favicon_svg"),
    path("csp-report/", csp_reports.csp_report, name="csp_report"),
    path("language/<str:language>/", language_views.choose_language, name="choose_language"),
    path("e/", include("publicity.urls")),
    path("campaigns/<slug:slug>/card.png", campaign_kit_views.card, name="campaign_card"),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    urlpatterns += media_urlpatterns()

urlpatterns += i18n_patterns(
    # Tokens are URL-safe base64, the alphabet of a slug: anything else is not found.
    path("sign-ups/<slug:token>/cancel/", signup_views.cancel, name="signup_cancel"),
    path("sign-ups/<slug:token>/confirm/", signup_views.confirm, name="signup_confirm"),
    path("messages/<slug:token>/withdraw/", contact_views.withdraw, name="message_withdraw"),
    path("privacy/", privacy_notice.site_notice, name="site_privacy_notice"),
    path("calendar.ics", website_views.calendar, name="site_calendar"),
    path("share/mastodon/", website_views.share_on_mastodon, name="share_mastodon"),
    path("campaigns/<slug:slug>/", campaign_views.campaign_page, name="campaign_page"),
    path("pledges/<slug:token>/confirm/", campaign_views.confirm_pledge, name="pledge_confirm"),
    path("pledges/<slug:token>/withdraw/", campaign_views.withdraw_pledge, name="pledge_withdraw"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler500 = "labourhub.outage.server_error"
