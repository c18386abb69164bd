"""A site that offers Welsh has each translated page twice in its tree, once per
language, tied by Wagtail's `translation_key`. Lists that must show each page once (the
calendar feed, the hub's index of events) take it in one language, falling back to the
other where it has no version in that one."""

from django.db.models import Q


def once_per_translation(pages, language: str):
    """`pages` (a page queryset), each page once: in `language` where `pages` holds it
    in that language, otherwise as it is (a site has two languages, so that is the
    other one). One query, whatever the number of pages."""
    in_language = pages.filter(locale__language_code=language)
    return pages.filter(
        Q(locale__language_code=language)
        | ~Q(translation_key__in=in_language.values("translation_key"))
    )
