"""A site's own icon: the party's ring on the site's accent colour, so that a tab or
bookmark of each local party's site looks like it."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from .chrome import site_chrome
from .models.site_settings import AccentColour

ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<rect width="32" height="32" rx="6" fill="{accent}"/>'
    '<circle cx="16" cy="16" r="9" fill="none" stroke="#fff" stroke-width="5"/></svg>\n'
)


@require_safe
def favicon_svg(request):
    settings = site_chrome(request).settings
    # Only the palette's own colours reach the file: the setting's choices are those.
    accent = AccentColour(getattr(settings, "accent_colour", AccentColour.LABOUR_RED)).value
    return HttpResponse(ICON.format(accent=accent), content_type="image/svg+xml")
