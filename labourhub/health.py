"""`/healthz`: database, cache and broker state as JSON, for load balancers, the HTTP
cache's backend probe and `docker compose` health checks. It answers before tenant
resolution, so it works on any host name (load balancers often probe by IP address).
It is public, so a failure shows only its kind; the details (addresses, user names) go
to the log. It is never cached."""

import functools
import logging
import uuid

import redis
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

from labourhub.celery import app

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
BROKER_CLIENT_NAME = "labourhub-healthz"


def _check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def _check_cache() -> dict:
    # A key of its own for each probe: processes probed at once must not read back
    # each other's value.
    key = f"healthz-probe:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, 10)
    try:
        if cache.get(key) != value:
            return {"ok": False, "error": "cache did not return what was stored"}
    finally:
        cache.delete(key)
    return {"ok": True}


@functools.cache
def _broker_client(url: str) -> redis.Redis:
    """One client (and connection pool) per process and broker: a probe reuses an open
    connection instead of opening one each time."""
    return redis.Redis.from_url(
        url, socket_connect_timeout=2, socket_timeout=2, client_name=BROKER_CLIENT_NAME
    )


def _check_broker() -> dict:
    if app.conf.task_always_eager:
        return {"ok": True, "mode": "in-process"}
    _broker_client(app.conf.broker_url).ping()
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
            response = JsonResponse(body, status=200 if healthy else 503)
            add_never_cache_headers(response)
            return response
        return self.get_response(request)
