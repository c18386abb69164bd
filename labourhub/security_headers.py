"""The security headers every response carries: Content-Security-Policy (through
django-csp), Permissions-Policy, and Reporting-Endpoints, where browsers send reports
of what the policy blocked.

Two policies, chosen here by path and nowhere else: Wagtail's admin (on the hub and on
every constituency site) gets `admin_content_security_policy()`, which allows the inline
scripts and styles it is built with; every other page gets settings.CONTENT_SECURITY_POLICY,
which allows only the platform's own files and, on a page made for one visitor, inline
code carrying that response's nonce.

A nonce only protects anything while it is new for every response. Cached pages are
given to everyone, so a page that used one is never cached (`uses_nonce`, asked by
`labourhub.http_cache`).
"""

from csp.constants import HEADER, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIX = "/admin/"

# Browser features no page of the platform uses, denied to every page and frame.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
    "browsing-topics": [],
    "fullscreen": ["self"],
}


def admin_content_security_policy() -> dict:
    """The public policy, loosened for Wagtail's admin, which writes inline scripts
    (date pickers, inline panels, choosers) and style attributes without nonces; it is
    never cached, and shows its own pages in a preview frame."""
    public = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    return {
        **public,
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [*public["img-src"], "blob:"],
        "frame-ancestors": [SELF],
    }


def is_admin_path(path: str) -> bool:
    return path.startswith(ADMIN_PREFIX)


def uses_nonce(request) -> bool:
    """Did anything in this response take the request's CSP nonce? django-csp makes it
    lazily: it exists only once read."""
    return bool(getattr(request, "csp_nonce", None))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy on admin paths. A view's own
    `csp_update` / `csp_replace` still apply on top of whichever policy it gets."""

    def process_response(self, request, response):
        if is_admin_path(request.path):
            # Wagtail's preview renders the page through the middleware again, for the
            # page's own (public) path: in the admin, the admin's policy still holds.
            del response[HEADER]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path):
            parts.config = default_config(admin_content_security_policy())
        return parts


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """`{"camera": [], "fullscreen": ["self"]}` -> `camera=(), fullscreen=(self)`."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in sorted(policy.items())
    )


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response, and the Reporting-Endpoints header naming
    where the Content-Security-Policy's `report-to` sends its reports."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(PERMISSIONS_POLICY)
        self.reporting_endpoints = f'{settings.CSP_REPORT_GROUP}="{settings.CSP_REPORT_PATH}"'

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Reporting-Endpoints", self.reporting_endpoints)
        return response
