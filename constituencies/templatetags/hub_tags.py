from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils import translation

from constituencies.public_urls import site_url
from constituencies.website.templatetags.website_tags import SHARE_DEFAULT_IMAGE, SHARE_DEFAULT_SIZE

register = template.Library()


@register.inclusion_tag("constituencies/includes/hub_share_meta.html", takes_context=True)
def hub_share_meta(context):
    """The hub's Open Graph tags but its title and description (blocks of base.html):
    the page's address and the party's card, absolute on the hub's primary domain."""
    request = context.get("request")  # none for a page rendered outside a request
    hub = settings.HUB_DOMAINS[0]
    width, height = SHARE_DEFAULT_SIZE
    return {
        "url": site_url(hub, request, request.path if request else "/"),
        "image_url": site_url(hub, request, static(SHARE_DEFAULT_IMAGE)),
        "image_width": width,
        "image_height": height,
    }


@register.simple_tag
def html_language() -> str:
    """The lang attribute of the page: en-GB, or cy on a site's Welsh pages."""
    return settings.HTML_LANGUAGES.get(translation.get_language(), "en-GB")
