"""Absolute addresses of sites, built from the request a link appears in so that they
keep its scheme and port (`PORT=8123 make run` links to <slug>.localhost:8123)."""


def site_url(domain: str, request=None, path: str = "/") -> str:
    if request is None:
        return f"https://{domain}{path}"
    scheme = "https" if request.is_secure() else "http"
    _, _, port = request.get_host().rpartition(":")
    netloc = f"{domain}:{port}" if port.isdigit() else domain
    return f"{scheme}://{netloc}{path}"


def public_url(domain: str, path: str = "/") -> str:
    """An absolute URL on `domain` as the platform is served publicly, for links made
    outside a request (emails sent by tasks): PUBLIC_URL_SCHEME and PUBLIC_URL_PORT."""
    from django.conf import settings

    host = f"{domain}:{settings.PUBLIC_URL_PORT}" if settings.PUBLIC_URL_PORT else domain
    return f"{settings.PUBLIC_URL_SCHEME}://{host}{path}"


def site_request():
    """A stand-in request for the active constituency's primary domain, for building
    absolute links outside a request (emails sent by tasks), with the scheme and port
    the platform is served on (PUBLIC_URL_SCHEME, PUBLIC_URL_PORT)."""
    from django.conf import settings
    from django.test import RequestFactory

    from .models import Constituency

    constituency = Constituency.objects.current()
    host = constituency.primary_domain
    if settings.PUBLIC_URL_PORT:
        host = f"{host}:{settings.PUBLIC_URL_PORT}"
    request = RequestFactory().get(
        "/", HTTP_HOST=host, secure=settings.PUBLIC_URL_SCHEME == "https"
    )
    request.tenant = constituency
    return request
