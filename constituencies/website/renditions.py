"""Image renditions for a site's pages, read without writing them back.

Wagtail's `Image.get_rendition` (and with it the `{% image %}` tag) stores a rendition
in the cache every time one is asked for, even one just read from there or prefetched
with the page: a cache write, with pickling, for every image on every page. Here a
rendition comes from what was prefetched, else the cache, and only when neither has it
from Wagtail, which finds it in the database or makes it, and caches it.
"""

from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found


def rendition(image, spec: str):
    image_filter = Filter(spec=spec)
    if image._get_prefetched_renditions() is not None:
        try:
            return image.find_existing_rendition(image_filter)
        except image.get_rendition_model().DoesNotExist:
            pass
    else:
        model = image.get_rendition_model()
        key = model.construct_cache_key(image, image_filter.get_cache_key(image), spec)
        cached = model.cache_backend.get(key)
        if cached is not None:
            cached.image = image
            return cached
    return get_rendition_or_not_found(image, image_filter)


def img_tag(image, spec: str, **attributes) -> str:
    """`{% image image spec attribute=value %}`, through `rendition()`."""
    if not image:
        return ""
    return rendition(image, spec).img_tag(attributes)
