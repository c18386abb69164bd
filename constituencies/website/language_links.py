"""The links between a page and its other language on a site that offers Welsh: the
head's hreflang alternates and Open Graph locales, and the header's language switch.

A Wagtail page (and its routes: /events/past/, an event's sign-up form) is in the
languages it has a live translation in. Any other address of the site (the privacy
notice, a campaign page) is in both, at the same path under /cy/ in Welsh. A page not
found is in neither: its switch leads to the other language's home page.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from constituencies.languages.alternates import (
    Alternate,
    LanguageSwitch,
    language_switch,
    page_alternates,
    path_alternates,
    path_in,
    site_languages,
)
from constituencies.languages.middleware import offers_welsh

# Addresses that are no page of the site in either language.
_NOT_PUBLIC = ("/admin/", "/accounts/", "/_util/")


@dataclass(frozen=True)
class LanguageLinks:
    alternates: list[Alternate] = field(default_factory=list)
    switch: LanguageSwitch | None = None

    @property
    def open_graph_alternates(self) -> list[str]:
        current = translation.get_language()
        return [
            settings.OPEN_GRAPH_LOCALES[a.language]
            for a in self.alternates
            if a.language != current
        ]


def language_links(request, page=None) -> LanguageLinks:
    """This request's links to its other language, worked out once per request (the head
    and the header both show them)."""
    links = getattr(request, "_language_links", None)
    if links is None:
        links = request._language_links = _links(request, page)
    return links


def home_links(request) -> LanguageLinks:
    """An error page has no alternates; its switch leads to the other home page."""
    tenant = getattr(request, "tenant", None)
    if not offers_welsh(tenant) or request.path.startswith(_NOT_PUBLIC):
        return LanguageLinks()
    current = translation.get_language()
    other = next(language for language in site_languages(tenant) if language != current)
    url = f"/language/{other}/?" + urlencode({"next": path_in(other, "/")})
    label = dict(settings.LANGUAGES)[other]
    return LanguageLinks(switch=LanguageSwitch(other, label, url, translated=True))


def _links(request, page) -> LanguageLinks:
    if not offers_welsh(getattr(request, "tenant", None)) or request.path.startswith(_NOT_PUBLIC):
        return LanguageLinks()
    if isinstance(page, Page):
        alternates = _served_page_alternates(request, page)
        if alternates is not None:
            return LanguageLinks(alternates, language_switch(request, alternates))
    alternates = path_alternates(request)
    # A view's query says what it shows (/share/mastodon/?page=12): the switch keeps it.
    query = request.META.get("QUERY_STRING", "")
    with_query = [Alternate(a.language, f"{a.url}?{query}") for a in alternates] if query else []
    return LanguageLinks(alternates, language_switch(request, with_query or alternates))


def _served_page_alternates(request, page) -> list[Alternate] | None:
    """The page's translations, with the route of it this request is for (a page's
    /sign-up/, the event index's /past/); None when the request is not for this page
    (a view that only shows a page, such as the Mastodon share form)."""
    alternates = page_alternates(page, request)
    current = translation.get_language()
    own = next((a for a in alternates if a.language == current), None)
    if own is None:
        # The English home page, shown under /cy/ until its Welsh one is live.
        is_fallback_home = page.depth == 2 and request.path == path_in(current, "/")
        return alternates if is_fallback_home else None
    if not request.path.startswith(own.url):
        return None
    route = request.path[len(own.url) :]
    return [Alternate(a.language, a.url + route) for a in alternates]
