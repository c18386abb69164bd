"""`/healthz`: database, cache and broker state as JSON, for load balancers and
`docker compose` health checks. It answers before tenant resolution, so it works on
any host name (load balancers often probe by IP address). It is public, so a failure
shows only its kind; the details (addresses, user names) go to the log."""

import logging
import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"


def _check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def _check_cache() -> dict:
    key = "healthz-probe"
    value = str(time.monotonic())
    cache.set(key, value, 10)
    if cache.get(key) != value:
        return {"ok": False, "error": "cache did not return what was stored"}
    return {"ok": True}


def _check_broker() -> dict:
    from labourhub.celery import app

    if app.conf.task_always_eager:
        return {"ok": True, "mode": "in-process"}
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return {"ok": True, "mode": "broker"}


CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}


def health_report() -> tuple[bool, dict]:
    report = {}
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure is reported, not raised
            logger.warning("health check %s failed", name, exc_info=True)
            report[name] = {"ok": False, "error": type(error).__name__}
    healthy = all(part["ok"] for part in report.values())
    return healthy, report


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.rstrip("/") == HEALTH_PATH:
            healthy, report = health_report()
            body = {"status": "ok" if healthy else "unhealthy", "checks": report}
            return JsonResponse(body, status=200 if healthy else 503)
        return self.get_response(request)
