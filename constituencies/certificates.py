"""`/_tls/ask?domain=<host>`: may the TLS terminator get a certificate for this host?

Caddy's on-demand TLS asks before it requests a certificate for a host name it has not
seen (docker-compose.yml, deploy/caddy/Caddyfile): 200 for a host that serves the hub or
a constituency (suspended and archived sites too, so their status pages are served over
HTTPS), 404 for anything else, so nobody can make the platform request certificates for
names it does not serve. Like `/healthz` it answers before tenant resolution, on the
internal address Caddy calls, and Caddy refuses the path to the public.
"""

import re

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django_tenants.utils import schema_context

from .models import Domain

ASK_PATH = "/_tls/ask"
# Host names as TLS sees them: letters, digits, hyphens and dots (IDNs in punycode).
HOST_NAME = re.compile(r"[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?")


def serves_host(host: str) -> bool:
    host = host.strip().lower().rstrip(".")
    if not HOST_NAME.fullmatch(host):
        return False
    if host in settings.HUB_DOMAINS:
        return True
    with schema_context("public"):
        return Domain.objects.filter(domain=host).exists()


class CertificateAskMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != ASK_PATH:
            return self.get_response(request)
        allowed = request.method == "GET" and serves_host(request.GET.get("domain", ""))
        response = HttpResponse(status=200 if allowed else 404, content_type="text/plain")
        add_never_cache_headers(response)
        return response
