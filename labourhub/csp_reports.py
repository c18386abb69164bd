"""`/csp-report/`: where browsers send what the Content-Security-Policy blocked, on the
hub and on every constituency site. Each violation becomes one warning in the log.

Anyone can post here, so a report is only ever logged, never trusted: its size is
capped, each value is cut short and kept to one line, and each address may send
CSP_REPORT_RATE_LIMIT reports before the rest are turned away unread.

Two shapes arrive: `application/csp-report` (the older `report-uri`: one violation in
`{"csp-report": {...}}`) and `application/reports+json` (the Reporting API behind
`report-to`: a list of reports, violations among them as `{"type": "csp-violation",
"body": {...}}`).
"""

import json
import logging

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)

CSP_REPORT = "application/csp-report"
REPORTS_JSON = "application/reports+json"
_LONGEST_VALUE = 300
# Most reports in one Reporting API delivery that are logged.
_MOST_PER_DELIVERY = 20

# The same facts under the older and the newer name.
_FIELDS = {
    "directive": ("effective-directive", "effectiveDirective", "violated-directive"),
    "blocked": ("blocked-uri", "blockedURL"),
    "document": ("document-uri", "documentURL"),
    "source": ("source-file", "sourceFile"),
    "line": ("line-number", "lineNumber"),
    "sample": ("script-sample", "sample"),
    "disposition": ("disposition",),
}


def _one_line(value) -> str:
    text = " ".join(str(value).split())
    return text[:_LONGEST_VALUE]


def _violation(body: dict) -> dict[str, str]:
    found = {}
    for name, keys in _FIELDS.items():
        value = next((body[key] for key in keys if body.get(key) not in (None, "")), "")
        found[name] = _one_line(value)
    return found


def _violations(content_type: str, payload) -> list[dict[str, str]]:
    """The violations in a report; ValueError if it is not a report of that type."""
    if content_type == CSP_REPORT:
        if not isinstance(payload, dict) or not isinstance(payload.get("csp-report"), dict):
            raise ValueError("not a CSP report")
        return [_violation(payload["csp-report"])]
    if not isinstance(payload, list):
        raise ValueError("not a list of reports")
    return [
        _violation(report["body"])
        for report in payload[:_MOST_PER_DELIVERY]
        if isinstance(report, dict)
        and report.get("type") == "csp-violation"
        and isinstance(report.get("body"), dict)
    ]


def _log(violation: dict[str, str]) -> None:
    logger.warning(
        "CSP violation: %s blocked %s on %s (%s line %s) %s",
        violation["directive"] or "?",
        violation["blocked"] or "?",
        violation["document"] or "?",
        violation["source"] or "?",
        violation["line"] or "?",
        violation["sample"],
        extra={"csp_" + name: value for name, value in violation.items()},
    )


@csrf_exempt
@require_POST
def csp_report(request):
    content_type = request.content_type
    if content_type not in (CSP_REPORT, REPORTS_JSON):
        return HttpResponse("Send a CSP report.", status=415, content_type="text/plain")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.CSP_REPORT_MAX_BYTES:
        return HttpResponse("Report too large.", status=413, content_type="text/plain")
    if is_ratelimited(
        request, group="csp-report", key="ip", rate=settings.CSP_REPORT_RATE_LIMIT, increment=True
    ):
        return HttpResponse("Too many reports.", status=429, content_type="text/plain")
    # A chunked body states no length: read no more than the limit allows.
    body = request.read(settings.CSP_REPORT_MAX_BYTES + 1)
    if len(body) > settings.CSP_REPORT_MAX_BYTES:
        return HttpResponse("Report too large.", status=413, content_type="text/plain")
    try:
        violations = _violations(content_type, json.loads(body))
    except (ValueError, RecursionError):
        return HttpResponse("Not a CSP report.", status=400, content_type="text/plain")
    for violation in violations:
        _log(violation)
    return HttpResponse(status=204)
