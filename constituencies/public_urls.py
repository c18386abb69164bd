"""Absolute addresses of sites. Inside a request they keep its scheme and port
(`PORT=8123 make run` links to <slug>.localhost:8123); outside one (emails sent by
tasks) they are as the platform is served publicly: PUBLIC_URL_SCHEME and
PUBLIC_URL_PORT."""

from django.conf import settings


def public_url(domain: str, path: str = "/") -> str:
    """An absolute URL on `domain` as the platform is served publicly."""
    host = f"{domain}:{settings.PUBLIC_URL_PORT}" if settings.PUBLIC_URL_PORT else domain
    return f"{settings.PUBLIC_URL_SCHEME}://{host}{path}"


def site_url(domain: str, request=None, path: str = "/") -> str:
    """An absolute URL on `domain`, with the scheme and port of `request` if given."""
    if request is None:
        return public_url(domain, path)
    scheme = "https" if request.is_secure() else "http"
    _, _, port = request.get_host().rpartition(":")
    netloc = f"{domain}:{port}" if port.isdigit() else domain
    return f"{scheme}://{netloc}{path}"
