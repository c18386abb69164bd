from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("website/includes/navigation.html", takes_context=True)
def site_navigation(context):
    request = context["request"]
    site = Site.find_for_request(request)
    home = site.root_page if site else None
    current = context.get("page")
    items = list(home.get_children().live().public().in_menu()) if home else []
    return {"home": home, "items": items, "current": current, "site": site}
