from django.conf import settings

from .addresses import site_url


def platform(request):
    """`hub_url`: the hub's address, with the scheme and port this request used."""
    return {"hub_url": site_url(settings.HUB_DOMAINS[0], request)}
