"""What every page of a constituency's site shows around its content, read once per site
and kept until the site is next purged.

Its Wagtail site (with the home page), settings (with the banner image), navigation,
the addresses of its sections, and which of its pages carry view restrictions: about
ten queries, which every page view made again. A site that offers Welsh has a chrome per
language, the Welsh one built from the Welsh home page. They are kept in the cache under the
site's page-cache generation (`constituencies.page_cache`), so anything that purges the
site's pages (publishing, settings, the representative, images, restrictions) rebuilds
them on the next view.
"""

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from constituencies import page_cache
from labourhub import http_cache

if TYPE_CHECKING:
    from .models import SiteSettings

CHROME_KEY = "site-chrome"
# Bump when the fields below change, so that a deploy never reads an older shape.
CHROME_VERSION = 3


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str
    path: str  # the page's place in the tree: a page belongs to this section if its starts so


@dataclass(frozen=True)
class Section:
    """One of the home page's children: news, events, get involved, contact."""

    model: type[Page]
    pk: int
    path: str


@dataclass
class SiteChrome:
    generation: int
    site: Site | None
    settings: "SiteSettings | None"
    navigation: tuple[NavItem, ...] = ()
    # The home page's live children by slug, to route to them and their children in one
    # query.
    sections: dict[str, Section] = field(default_factory=dict)
    # The first address of each page type among them: NewsIndexPage -> "/news/".
    section_urls: dict[type[Page], str] = field(default_factory=dict)
    restricted_paths: tuple[str, ...] = ()
    has_aliases: bool = False
    language: str = django_settings.LANGUAGE_CODE
    # The home page in this chrome's language: the site's own (English) home, or its
    # live Welsh translation. None when there is no site, or no live home in this
    # language (`home` is then the English one, shown with a note).
    language_home: Page | None = None
    # Where each language's live home page is in the tree, by language code: routing
    # and links tell a page's language by it.
    home_paths: dict[str, str] = field(default_factory=dict)
    version: int = CHROME_VERSION

    @property
    def home(self):
        if self.language_home is not None:
            return self.language_home
        return self.site.root_page.specific if self.site else None

    @property
    def home_is_translated(self) -> bool:
        return self.language_home is not None

    def language_of_path(self, url_path: str) -> str | None:
        """The language of the home page a page (by its url_path) is below, if live."""
        for language, home_path in self.home_paths.items():
            if url_path.startswith(home_path):
                return language
        return None

    def url_of(self, model) -> str | None:
        return self.section_urls.get(model)

    def may_be_restricted(self, page) -> bool:
        """Could a view restriction apply to this page? Only if it or an ancestor carries
        one, or the site has aliases (whose restrictions are their originals')."""
        return self.has_aliases or page.path.startswith(self.restricted_paths)

    def public(self, pages):
        """`pages` without those behind a view restriction: Wagtail's `.public()`
        without its query."""
        for path in self.restricted_paths:
            pages = pages.exclude(path__startswith=path)
        return pages


def relative_url(page_url_path: str, root_url_path: str, language: str | None = None) -> str:
    """A page's address below its home page, /cy/-prefixed for a Welsh one."""
    prefix = "" if language in (None, django_settings.LANGUAGE_CODE) else f"/{language}"
    return prefix + "/" + page_url_path[len(root_url_path) :]


def _live_homes(site) -> dict[str, Page]:
    """The site's home page and its live translations, by language code."""
    english = site.root_page
    translations = (
        Page.objects.live()
        .filter(translation_key=english.translation_key, depth=english.depth)
        .exclude(pk=english.pk)
        .select_related("locale")
    )
    homes = {django_settings.LANGUAGE_CODE: english}
    for page in translations:
        homes[page.locale.language_code] = page
    return homes


def _build(generation: int, language: str) -> SiteChrome:
    sites = list(Site.objects.select_related("root_page"))
    if len(sites) != 1:
        return SiteChrome(generation=generation, site=None, settings=None, language=language)
    site = sites[0]
    homes = _live_homes(site)
    language_home = homes.get(language)
    if language_home is not None:
        language_home = language_home.specific
        if language != django_settings.LANGUAGE_CODE:
            # Wagtail routes from `site.root_page.localized`: starting from the Welsh home
            # spares it looking the translation up on every request.
            site = copy.copy(site)
            site.root_page = language_home
    home = language_home or site.root_page.specific  # serving the home page needs it
    # By name: the page models import this module.
    SiteSettings = apps.get_model("website", "SiteSettings")  # noqa: N806
    settings = SiteSettings.objects.select_related("banner_image").filter(site=site).first()
    if settings is None:
        settings = SiteSettings.for_site(site)
    children = list(
        home.get_children()
        .live()
        .select_related("content_type")
        .only("title", "slug", "path", "url_path", "show_in_menus", "content_type")
    )
    restricted_paths = tuple(
        PageViewRestriction.objects.values_list("page__path", flat=True).order_by("page__path")
    )
    sections, section_urls, navigation = {}, {}, []
    for child in children:
        model = child.content_type.model_class()
        url = relative_url(child.url_path, home.url_path, language if language_home else None)
        sections[child.slug] = Section(model=model, pk=child.pk, path=child.path)
        section_urls.setdefault(model, url)
        if child.show_in_menus and not child.path.startswith(restricted_paths):
            navigation.append(NavItem(title=child.title, url=url, path=child.path))
    return SiteChrome(
        generation=generation,
        site=site,
        settings=settings,
        navigation=tuple(navigation),
        sections=sections,
        section_urls=section_urls,
        restricted_paths=restricted_paths,
        has_aliases=Page.objects.filter(alias_of__isnull=False).exists(),
        language=language,
        language_home=language_home,
        home_paths={code: page.url_path for code, page in homes.items()},
    )


class SiteChromeMiddleware:
    """Read the chrome before Wagtail looks for the request's site, so that serving a
    page neither looks the site up nor fetches the home page again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tenant = getattr(request, "tenant", None)
        if (
            getattr(tenant, "is_site", False)
            and request.method in ("GET", "HEAD")
            and not http_cache.is_never_cached_path(request.path)
            and not request.path.startswith(("/static/", "/media/"))
        ):
            site_chrome(request)
        return self.get_response(request)


def site_chrome(request) -> SiteChrome:
    """The chrome of the site this request is for, in the request's language, read at
    most once per request."""
    chrome = getattr(request, "_site_chrome", None)
    if chrome is None:
        chrome = request._site_chrome = _load(translation.get_language())
        if chrome.site is not None:
            # Wagtail's own per-request memo of the site (Site.find_for_request).
            request._wagtail_site = chrome.site
    return chrome


def _load(language: str) -> SiteChrome:
    key = f"{CHROME_KEY}:{language}"
    stored = cache.get_many([page_cache.GENERATION_KEY, key])
    generation = stored.get(page_cache.GENERATION_KEY)
    chrome = stored.get(key)
    if (
        generation is not None
        and isinstance(chrome, SiteChrome)
        and chrome.version == CHROME_VERSION
        and chrome.generation == generation
    ):
        return chrome
    if generation is None:
        generation = page_cache.generation()
    chrome = _build(generation, language)
    cache.set(key, chrome, None)
    return chrome


_MISSING = object()


def remembered(request, name: str, build, lasts=None):
    """What `build()` returns, kept with the site's chrome: until the site is next
    purged, and at most `lasts(value)` seconds when that is given (a list of upcoming
    events changes by itself when the first of them finishes). For the lists and facts
    a site's pages show, which cost more to query than to unpickle."""
    chrome = site_chrome(request)
    key = f"site-data:{chrome.generation}:{chrome.language}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        timeout = django_settings.PAGE_CACHE_SECONDS
        if lasts is not None:
            limit = lasts(value)
            timeout = timeout if limit is None else min(timeout, limit)
        if timeout > 0:
            cache.set(key, value, timeout)
    return value
