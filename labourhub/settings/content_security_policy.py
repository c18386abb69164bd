"""The public pages' Content-Security-Policy (CONTENT_SECURITY_POLICY), built here so that
production can add its object storage's origins to the one policy base.py sets."""

from csp.constants import NONCE, NONE, SELF


def content_security_policy(media_sources: list[str], report_path: str, report_group: str) -> dict:
    """The public pages' policy, with uploads also loaded from `media_sources`, and
    violations reported to `report_path` (`report_group` for the Reporting API)."""
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, NONCE],
            "style-src": [SELF, NONCE],
            "img-src": [SELF, "data:", *media_sources],
            "media-src": [SELF, *media_sources],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
            "report-uri": [report_path],
            "report-to": report_group,
        },
    }
