from django.conf import settings

from .public_urls import site_url


def platform(request):
    """`hub_url`: the hub's address, with the scheme and port this request used;
    `retention_months`: how long visitors' personal data is kept."""
    return {
        "hub_url": site_url(settings.HUB_DOMAINS[0], request),
        "retention_months": round(settings.PERSONAL_DATA_RETENTION["messages"] / 30.4),
    }
