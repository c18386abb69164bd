"""URLs of every constituency site: its Wagtail admin (behind the role gate),
accounts, and its pages, served by Wagtail."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from labourhub.media import media_urlpatterns

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    urlpatterns += media_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]
