"""The visitor's IP address, for rate limits: allauth's rule (REMOTE_ADDR, or behind
TRUSTED_PROXY_COUNT proxies the address that many from the right of X-Forwarded-For,
which the visitor cannot forge) used by django-ratelimit too, so every limit counts
the same person the same way."""

from allauth.account.adapter import get_adapter


def client_ip(request) -> str:
    return get_adapter(request).get_client_ip(request)
