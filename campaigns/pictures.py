"""A campaign's image on a constituency's site. The image is the hub's (the public
schema's), but each site's schema has an images table of its own that its search path
finds first, so the image and its renditions are read with the hub's schema active.
Their files are under the hub's uploads, which every site serves (labourhub.media).

What a page needs of a rendition (its address, size, alt text) is kept in the hub's
cache, once for every site, until the image changes (campaigns.receivers)."""

from dataclasses import dataclass

from django.core.cache import cache
from django_tenants.utils import get_public_schema_name, schema_context
from wagtail.images import get_image_model

from constituencies.website.renditions import rendition

CARD = "fill-640x360"
WIDE = "fill-1200x630"
SPECS = (CARD, WIDE)
CACHE_SECONDS = 60 * 60 * 24


@dataclass(frozen=True)
class Picture:
    url: str
    width: int
    height: int
    alt: str


def _key(image_id: int, spec: str) -> str:
    return f"campaign-picture:{image_id}:{spec}"


def picture(campaign, spec: str) -> Picture | None:
    """The campaign's image in `spec`, or None if it has none."""
    if not campaign.image_id:
        return None
    with schema_context(get_public_schema_name()):
        found = cache.get(_key(campaign.image_id, spec))
        if found is None:
            image = get_image_model().objects.filter(pk=campaign.image_id).first()
            if image is None:
                return None
            made = rendition(image, spec)
            found = Picture(made.url, made.width, made.height, image.default_alt_text)
            cache.set(_key(campaign.image_id, spec), found, CACHE_SECONDS)
    return found


def forget(image_id: int) -> None:
    """The hub's image changed: its pictures are made again when next asked for."""
    with schema_context(get_public_schema_name()):
        cache.delete_many([_key(image_id, spec) for spec in SPECS])
