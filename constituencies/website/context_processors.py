from django.utils.functional import SimpleLazyObject

from .chrome import site_chrome


def chrome(request):
    """`chrome`: on a constituency's site, what every page shows around its content
    (settings, navigation, section addresses), read only if a template asks for it."""
    if not getattr(getattr(request, "tenant", None), "is_site", False):
        return {}
    return {"chrome": SimpleLazyObject(lambda: site_chrome(request))}
