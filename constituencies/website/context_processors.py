from django.utils import translation
from django.utils.functional import SimpleLazyObject

from constituencies.languages.alternates import path_in

from .chrome import site_chrome


def chrome(request):
    """`chrome`: on a constituency's site, what every page shows around its content
    (settings, navigation, section addresses), read only if a template asks for it;
    `home_url`: the home page in the page's language (/ or /cy/)."""
    if not getattr(getattr(request, "tenant", None), "is_site", False):
        return {}
    return {
        "chrome": SimpleLazyObject(lambda: site_chrome(request)),
        "home_url": path_in(translation.get_language(), "/"),
    }
