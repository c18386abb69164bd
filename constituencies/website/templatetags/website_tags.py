from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext

from constituencies.site_names import party_name, site_name

from ..chrome import site_chrome
from ..language_links import home_links, language_links
from ..models import NewsIndexPage
from ..renditions import img_tag, rendition

register = template.Library()

SHARE_RENDITION = "fill-1200x630"
SHARE_DEFAULT_IMAGE = "img/share-default.png"
SHARE_DEFAULT_SIZE = (1200, 630)  # the file's own: a test compares them


@register.simple_tag
def picture(image, spec, **attributes):
    """`{% picture image "fill-640x360" loading="lazy" %}`: Wagtail's `{% image %}`
    without a cache write on every use (constituencies.website.renditions)."""
    return img_tag(image, spec, **attributes)


@register.inclusion_tag("website/includes/navigation.html", takes_context=True)
def site_navigation(context):
    page = context.get("page")
    path = getattr(page, "path", "")
    items = [
        {"title": item.title, "url": item.url, "current": path.startswith(item.path)}
        for item in site_chrome(context["request"]).navigation
    ]
    return {"items": items}


def _share_image(request, page) -> dict:
    """The page's image for link previews, with the size it is served at: Wagtail never
    enlarges an image, so the rendition of a picture smaller than 1200x630 is smaller, and
    a preview told the wrong size is drawn squashed or not at all."""
    image = page.share_image()
    if image is None:
        image = getattr(site_chrome(request).settings, "banner_image", None)
    if image is None:
        width, height = SHARE_DEFAULT_SIZE
        return {
            "image_url": request.tenant.url_for(request, static(SHARE_DEFAULT_IMAGE)),
            "image_alt": site_name(request.tenant),
            "image_width": width,
            "image_height": height,
        }
    share = rendition(image, SHARE_RENDITION)
    return {
        "image_url": request.tenant.url_for(request, share.url),
        "image_alt": image.default_alt_text,
        "image_width": share.width,
        "image_height": share.height,
    }


@register.inclusion_tag("website/includes/share_meta.html", takes_context=True)
def share_meta(context, page):
    """Open Graph and Twitter card tags, every URL absolute on the primary domain."""
    request = context["request"]
    return {
        "site_name": site_name(request.tenant),
        "type": page.specific_class.share_type,
        "title": page.seo_title or page.title,
        "description": Truncator(page.share_description()).chars(200),
        "url": page.absolute_url(request),
        "locale": settings.OPEN_GRAPH_LOCALES[translation.get_language()],
        "alternate_locales": language_links(request, page).open_graph_alternates,
        **_share_image(request, page),
    }


@register.inclusion_tag("website/includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    """hreflang links to this page in each language it is live in, and x-default (the
    English one), absolute: on a site that offers Welsh only."""
    request = context["request"]
    alternates = [
        {
            "hreflang": alternate.hreflang,
            "url": request.tenant.url_for(request, alternate.url),
            "is_default": alternate.language == settings.LANGUAGE_CODE,
        }
        for alternate in language_links(request, context.get("page")).alternates
    ]
    return {"alternates": alternates}


@register.inclusion_tag("website/includes/language_switch.html", takes_context=True)
def language_switch(context, to_home=False):
    """The link to this page in the other language (or to that language's home page),
    on a site that offers Welsh. `to_home`: to the other home page (from an error page)."""
    request = context["request"]
    links = home_links(request) if to_home else language_links(request, context.get("page"))
    if links.switch is None:
        return {"switch": None}
    return {"switch": links.switch, "hreflang": settings.HTML_LANGUAGES[links.switch.language]}


@register.inclusion_tag("website/includes/share_links.html", takes_context=True)
def share_links(context, page):
    """Links to share a page by email and on social networks: plain links, no scripts."""
    request = context["request"]
    url = page.absolute_url(request)
    title = page.seo_title or page.title
    return {"page": page, "url": url, "title": title, "text_and_url": f"{title} {url}"}


@register.simple_tag(takes_context=True)
def news_feed_links(context):
    """Feed autodiscovery links for the site's news."""
    request = context["request"]
    news_url = site_chrome(request).url_of(NewsIndexPage)
    if news_url is None:
        return ""
    # The feeds' own title (constituencies.website.feeds), in the page's language.
    name = gettext("%(party)s: news") % {"party": site_name(request.tenant)}
    return format_html(
        '<link rel="alternate" type="application/rss+xml" title="{} (RSS)" href="{}">\n'
        '<link rel="alternate" type="application/atom+xml" title="{} (Atom)" href="{}">',
        name,
        request.tenant.url_for(request, f"{news_url}feed/rss/"),
        name,
        request.tenant.url_for(request, f"{news_url}feed/atom/"),
    )


def _calendar_url(request) -> str:
    return request.tenant.url_for(request, reverse("site_calendar"))


@register.simple_tag(takes_context=True)
def calendar_feed_link(context):
    """Calendar autodiscovery: the site's upcoming events as an iCalendar feed."""
    request = context["request"]
    return format_html(
        '<link rel="alternate" type="text/calendar" title="{}" href="{}">',
        gettext("%(party)s events") % {"party": site_name(request.tenant)},
        _calendar_url(request),
    )


@register.simple_tag(takes_context=True)
def webcal_url(context):
    """The calendar feed's webcal:// address, which calendar apps open to subscribe (an
    https link is downloaded once instead)."""
    _, _, rest = _calendar_url(context["request"]).partition("://")
    return f"webcal://{rest}"


@register.simple_tag(takes_context=True)
def site_title(context):
    """ "Testford South Labour", "Llafur De Testford" on Welsh pages."""
    return site_name(context["request"].tenant)


@register.simple_tag(takes_context=True)
def party_title(context):
    """ "Testford South Constituency Labour Party", in Welsh on Welsh pages."""
    return party_name(context["request"].tenant)


@register.filter
def role_for(representative, constituency_name):
    """“Member of Parliament for Bristol East”."""
    return representative.role_for(constituency_name)


@register.inclusion_tag("website/includes/field.html")
def form_field(field):
    """One labelled form field with its help text and errors, wired up for screen
    readers (aria-describedby, aria-invalid)."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-help")
    if field.errors:
        described_by.append(f"{field.auto_id}-errors")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return {"field": field, "widget": field.as_widget(attrs=attrs)}
