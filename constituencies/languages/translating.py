"""Translating a page into another language through wagtail-localize, so that the
translation stays tied to its source: the officers' translation screen shows the same
segments, and "Sync translated pages" carries later English changes across.

`translate_page` stores a person's translation of each segment (by its source text) and
saves the translated page; segments with no translation given keep the source's text
until someone translates them. Used by the starter pages of a site that offers Welsh,
the demo data and the tests."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


def locale_for(language: str) -> Locale:
    locale, _ = Locale.objects.get_or_create(language_code=language)
    return locale


def source_segments(page: Page) -> list[str]:
    """The texts of a page a translator is asked to translate, in order."""
    source, _ = _up_to_date_source(page)
    return list(
        StringSegment.objects.filter(source=source)
        .order_by("order")
        .values_list("string__data", flat=True)
    )


def _up_to_date_source(page: Page):
    source, created = TranslationSource.get_or_create_from_instance(page.specific)
    if not created:
        source.update_from_db()
    return source, created


@transaction.atomic
def translate_page(
    page: Page,
    translations: dict[str, str],
    *,
    language: str = settings.WELSH,
    publish: bool = True,
    user=None,
) -> Page:
    """Translate `page` into `language`, each segment whose source text is a key of
    `translations` by its value, and return the translated page (published when
    `publish`, else a draft). The page's parent must already be translated, unless it
    is the site root."""
    locale = locale_for(language)
    source, _ = _up_to_date_source(page)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        text = translations.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context_id=segment.context_id,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    translation, _ = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    translation.save_target(user=user, publish=False)
    translated = page.get_translation(locale).specific
    if publish:
        # Published now, not when the transaction commits (as wagtail-localize would).
        translated.get_latest_revision().publish(user=user)
        translated.refresh_from_db()
    return translated
