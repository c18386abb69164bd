"""A Welsh list page (news, events, activities) lists the pages live in Welsh. Where the
same list in English has pages with no live Welsh version yet, the Welsh page says so
and links to the English list, instead of saying there is nothing (or leaving the
visitor to think the Welsh list is all there is)."""

from collections.abc import Callable

from django.conf import settings
from django.db.models import QuerySet
from wagtail.models import Page

from .chrome import remembered, site_chrome


def english_list_url(request, page: Page, english_items: Callable[[Page], QuerySet]) -> str | None:
    """On `page`, a live Welsh list: the address of its English version when
    `english_items(that English page)` holds a page with no live Welsh version, else None.
    Kept with the site's chrome (publishing anything purges both)."""
    chrome = site_chrome(request)
    welsh_home = chrome.language_home
    if (
        chrome.language == settings.LANGUAGE_CODE
        or welsh_home is None
        or page.locale_id != welsh_home.locale_id
    ):
        return None

    def find() -> str | None:
        english = (
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .specific()
            .first()
        )
        if english is None:
            return None
        in_welsh = Page.objects.live().filter(locale_id=page.locale_id).values("translation_key")
        if not english_items(english).exclude(translation_key__in=in_welsh).exists():
            return None
        return english.get_url(request)

    return remembered(request, f"english-only:{page.pk}", find)
