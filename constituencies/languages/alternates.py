"""Where a page is in each language: for hreflang links, the sitemap's alternates, the
Open Graph locales and the language switch.

A Wagtail page's other languages are its live translations. Any other address of a site
(the privacy notice, a sign-up's confirm page, a campaign page) has the same path in both
languages, under /cy/ in Welsh.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.utils import translation

from .middleware import WELSH_PREFIX, offers_welsh

# The query a language's home page reads to say the page asked for is not translated.
UNTRANSLATED_PARAMETER = "untranslated"


@dataclass(frozen=True)
class Alternate:
    language: str  # Django's code: en-gb, cy
    url: str  # relative to the site

    @property
    def hreflang(self) -> str:
        return settings.HTML_LANGUAGES[self.language]


@dataclass(frozen=True)
class LanguageSwitch:
    language: str  # the language it switches to
    label: str  # its name in its own language: "Cymraeg", "English"
    url: str  # the switch's address (it remembers the choice, then goes on)
    translated: bool  # False: it leads to that language's home page, with a note


def site_languages(tenant) -> list[str]:
    if offers_welsh(tenant):
        return [settings.LANGUAGE_CODE, settings.WELSH]
    return [settings.LANGUAGE_CODE]


def page_alternates(page, request) -> list[Alternate]:
    """The page in each language it is live in (itself included), English first."""
    if not offers_welsh(getattr(request, "tenant", None)):
        return []
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    # Deferred: the page types' own fields are not needed for an address (one query).
    by_language = {p.locale.language_code: p for p in translations.specific(defer=True)}
    return [
        Alternate(language, by_language[language].get_url(request))
        for language in site_languages(request.tenant)
        if language in by_language
    ]


def path_in(language: str, path: str) -> str:
    """The same address in `language`: /privacy/ <-> /cy/privacy/."""
    if path.startswith(WELSH_PREFIX):
        path = path[len(WELSH_PREFIX) - 1 :]
    elif path == WELSH_PREFIX[:-1]:
        path = "/"
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


def path_alternates(request) -> list[Alternate]:
    if not offers_welsh(getattr(request, "tenant", None)):
        return []
    return [
        Alternate(language, path_in(language, request.path))
        for language in site_languages(request.tenant)
    ]


def language_switch(request, alternates: list[Alternate]) -> LanguageSwitch | None:
    """The switch to the other language, given where this page is in each."""
    if not alternates:
        return None
    current = translation.get_language()
    other = next(language for language in site_languages(request.tenant) if language != current)
    target = next((a.url for a in alternates if a.language == other), None)
    translated = target is not None
    if not translated:
        target = path_in(other, "/") + "?" + urlencode({UNTRANSLATED_PARAMETER: "1"})
    label = dict(settings.LANGUAGES)[other]  # each language's name in itself
    switch = f"/language/{other}/?" + urlencode({"next": target})
    return LanguageSwitch(language=other, label=label, url=switch, translated=translated)
