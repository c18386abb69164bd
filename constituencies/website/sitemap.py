"""The site's sitemap.xml: every live, public page in each language the site speaks,
and the privacy notice. A page with a version in the other language lists both versions
as `xhtml:link` alternates (hreflang en-GB and cy, and x-default for the English), as
search engines ask, so that each is shown to searchers of its own language.

Wagtail's sitemap lists only the site's root page and what is below it (the English
tree) and knows nothing of alternates; Django's can only make a page's other addresses by
reversing one URL name in each language, while a page's Welsh address has its own slugs.
So the pages are grouped here by Wagtail's translation_key: one query, whatever the size
of the site."""

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from constituencies.languages.alternates import path_in, site_languages

from .chrome import relative_url, site_chrome

X_DEFAULT = "x-default"


class SiteSitemap(Sitemap):
    def items(self):
        return [*self._pages(), *self._privacy_notice()]

    def _entries(self, paths_by_language: dict[str, str], lastmods=None) -> list[dict]:
        """One <url> per language of one page (each with its own lastmod, by language),
        each naming the others as alternates when there is more than one."""
        lastmods = lastmods or {}
        tenant = self.request.tenant
        locations = {
            language: tenant.url_for(self.request, path)
            for language, path in paths_by_language.items()
        }
        alternates = []
        if len(locations) > 1:
            alternates = [
                {"lang_code": settings.HTML_LANGUAGES[language], "location": location}
                for language, location in locations.items()
            ]
            default = locations.get(settings.LANGUAGE_CODE)
            if default is not None:
                alternates.append({"lang_code": X_DEFAULT, "location": default})
        return [
            {"location": location, "lastmod": lastmods.get(language), "alternates": alternates}
            for language, location in locations.items()
        ]

    def _pages(self) -> list[dict]:
        chrome = site_chrome(self.request)
        if chrome.site is None:
            return []
        languages = site_languages(self.request.tenant)
        homes = {
            language: path for language, path in chrome.home_paths.items() if language in languages
        }
        under_a_home = Q()
        for home_path in homes.values():
            under_a_home |= Q(url_path__startswith=home_path)
        pages = (
            chrome.public(Page.objects.live().filter(under_a_home))
            .order_by("path")
            .only("url_path", "translation_key", "last_published_at", "latest_revision_created_at")
        )
        # Each page's versions, in the site's order of languages (English first).
        versions = defaultdict(dict)
        for page in pages:
            language = chrome.language_of_path(page.url_path)
            if language in homes:
                versions[page.translation_key][language] = page
        entries = []
        for by_language in versions.values():
            ordered = {
                language: by_language[language] for language in languages if language in by_language
            }
            paths = {
                language: relative_url(page.url_path, homes[language], language)
                for language, page in ordered.items()
            }
            lastmods = {language: self.lastmod(page) for language, page in ordered.items()}
            entries += self._entries(paths, lastmods)
        return entries

    def _privacy_notice(self) -> list[dict]:
        with translation.override(settings.LANGUAGE_CODE):
            path = reverse("site_privacy_notice")
        languages = site_languages(self.request.tenant)
        return self._entries({language: path_in(language, path) for language in languages})

    def _urls(self, page, protocol, domain):
        urls = list(self.paginator.page(page).object_list)
        lastmods = [url["lastmod"] for url in urls]
        # As Wagtail's: no Last-Modified unless every address has a date (the privacy
        # notice has none).
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def sitemap_xml(request):
    return sitemap_views.sitemap(request, {"pages": SiteSitemap(request)})
