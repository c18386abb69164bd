"""Browsers report what the Content-Security-Policy blocked to /csp-report/ on the hub
and on every constituency site; each violation is one warning line in the log."""

import json
import logging

import pytest
from django.test import Client

from tests.helpers import client_for

REPORT_PATH = "/csp-report/"
LOGGER = "labourhub.csp_reports"

OLD_STYLE = {
    "csp-report": {
        "document-uri": "https://testford-north.example/events/street-stall/",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; report-uri /csp-report/",
        "blocked-uri": "https://evil.example/x.js",
        "source-file": "https://testford-north.example/events/street-stall/",
        "line-number": 12,
        "status-code": 200,
    }
}


def _violation(blocked, directive="style-src-attr"):
    return {
        "type": "csp-violation",
        "age": 10,
        "url": "https://localhost/accounts/login/",
        "user_agent": "Chromium",
        "body": {
            "documentURL": "https://localhost/accounts/login/",
            "effectiveDirective": directive,
            "blockedURL": blocked,
            "disposition": "enforce",
            "sourceFile": "https://localhost/static/js/x.js",
            "lineNumber": 3,
            "statusCode": 200,
        },
    }


def _post(client, payload, content_type="application/csp-report", **extra):
    body = payload if isinstance(payload, bytes | str) else json.dumps(payload)
    return client.post(REPORT_PATH, body, content_type=content_type, **extra)


@pytest.fixture
def csp_log(caplog):
    caplog.set_level(logging.WARNING, logger=LOGGER)

    def lines():
        return [record.getMessage() for record in caplog.records if record.name == LOGGER]

    return lines


@pytest.mark.parametrize("host", ["localhost", "clp_a"])
def test_a_report_uri_report_is_logged_as_one_warning(db, request, host, csp_log):
    where = request.getfixturevalue(host) if host != "localhost" else host
    response = _post(client_for(where), OLD_STYLE)
    assert response.status_code == 204
    [line] = csp_log()
    assert "script-src-elem" in line
    assert "https://evil.example/x.js" in line
    assert "https://testford-north.example/events/street-stall/" in line
    assert "line 12" in line


def test_a_reporting_api_delivery_logs_each_violation(clp_a, csp_log):
    delivery = [
        _violation("inline"),
        {"type": "deprecation", "body": {"message": "old API"}},
        _violation("eval", directive="script-src"),
    ]
    response = _post(client_for(clp_a), delivery, content_type="application/reports+json")
    assert response.status_code == 204
    lines = csp_log()
    assert len(lines) == 2
    assert "style-src-attr blocked inline" in lines[0]
    assert "script-src blocked eval" in lines[1]


def test_reports_need_no_csrf_token_and_are_never_cached(clp_a, csp_log):
    browser = Client(HTTP_HOST=clp_a.primary_domain, enforce_csrf_checks=True)
    response = _post(browser, OLD_STYLE)
    assert response.status_code == 204
    assert "no-store" in response["Cache-Control"]


def test_a_report_stays_on_one_line_however_it_is_written(clp_a, csp_log):
    forged = json.loads(json.dumps(OLD_STYLE))
    forged["csp-report"]["blocked-uri"] = "x\nCRITICAL forged entry\r\n" + "y" * 5000
    assert _post(client_for(clp_a), forged).status_code == 204
    [line] = csp_log()
    assert "\n" not in line
    assert "\r" not in line
    assert len(line) < 2000


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (OLD_STYLE, "application/json", 415),
        ("{not json", "application/csp-report", 400),
        ({"something": "else"}, "application/csp-report", 400),
        ({"csp-report": "flat"}, "application/csp-report", 400),
        ({"type": "csp-violation"}, "application/reports+json", 400),
        (b"\xff\xfe", "application/csp-report", 400),
    ],
)
def test_anything_but_a_report_is_refused_and_nothing_logged(
    clp_a, csp_log, body, content_type, status
):
    response = _post(client_for(clp_a), body, content_type=content_type)
    assert response.status_code == status
    assert csp_log() == []


def test_deep_nesting_within_the_size_limit_is_refused(clp_a, csp_log, settings):
    settings.CSP_REPORT_MAX_BYTES = 64 * 1024
    response = _post(client_for(clp_a), "[" * 20000 + "]" * 20000, "application/reports+json")
    assert response.status_code == 400
    assert csp_log() == []


def test_a_report_too_large_is_refused_unread(clp_a, csp_log, settings):
    settings.CSP_REPORT_MAX_BYTES = 1024
    padded = json.loads(json.dumps(OLD_STYLE))
    padded["csp-report"]["script-sample"] = "x" * 2000
    response = _post(client_for(clp_a), padded)
    assert response.status_code == 413
    assert csp_log() == []


def test_only_posts_are_taken(clp_a):
    assert client_for(clp_a).get(REPORT_PATH).status_code == 405


def test_each_address_may_send_only_so_many_reports(clp_a, csp_log, settings):
    settings.CSP_REPORT_RATE_LIMIT = "2/h"
    client = client_for(clp_a)
    statuses = [_post(client, OLD_STYLE, REMOTE_ADDR="192.0.2.1").status_code for _ in range(3)]
    assert statuses == [204, 204, 429]
    assert len(csp_log()) == 2
    assert _post(client, OLD_STYLE, REMOTE_ADDR="192.0.2.2").status_code == 204
