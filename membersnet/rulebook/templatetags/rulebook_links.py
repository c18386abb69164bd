"""`{% linked_rule "online-presence" as rule %}`: a rule of the current rulebook for any
page to link to and quote, on the hub or a constituency's admin alike. `rule.clause`
is None when the current edition has no clause marked; `rule.url` works either way."""

from django import template
from django.conf import settings

from constituencies.public_urls import site_url
from membersnet.rulebook.linked_rules import linked_rule as find_linked_rule

register = template.Library()


@register.simple_tag(takes_context=True)
def linked_rule(context, key):
    rule = find_linked_rule(key)
    # Membersnet is on the hub: an absolute link, so that it also works from a
    # constituency's admin.
    return {
        "clause": rule.clause,
        "label": rule.label,
        "url": site_url(settings.HUB_DOMAINS[0], context.get("request"), rule.path),
    }
