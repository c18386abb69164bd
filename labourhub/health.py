"""Health for load balancers, the HTTP cache's backend probe and `docker compose`.

- `/healthz/live` (liveness): the process answers. It checks nothing else, so an
  orchestrator restarts a web process only when the process itself is stuck.
- `/healthz` (readiness): JSON with the state of the database, the cache and the broker.
  Only the database decides it: without one no page can be served, so the answer is 503
  and traffic should go elsewhere. The cache and the broker are reported as degraded
  when unreachable, with a 200: pages are still served (uncached) and forms stored
  (their emails wait in the outbox), so pulling the node would only make things worse.

Both answer before tenant resolution, on any host name (load balancers often probe by
IP address). They are public, so a failure shows only its kind; the details (addresses,
user names) go to the log. Never cached.
"""

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
LIVENESS_PATH = "/healthz/live"
BROKER_CLIENT_NAME = "labourhub-healthz"

OK, DEGRADED, DOWN = "ok", "degraded", "down"


def _check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"state": OK}


def _check_cache() -> dict:
    ping = getattr(cache, "ping", None)  # the Redis cache asks Redis itself
    if ping is not None:
        ping()
        return {"state": OK}
    # A key of its own for each probe: processes probed at once must not read back
    # each other's value.
    key = f"healthz-probe:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, 10)
    try:
        if cache.get(key) != value:
            return {"state": DEGRADED, "error": "cache did not return what was stored"}
    finally:
        cache.delete(key)
    return {"state": OK}


@functools.cache
def _broker_client(url: str) -> redis.Redis:
    """One client (and connection pool) per process and broker: a probe reuses an open
    connection instead of opening one each time."""
    return redis.Redis.from_url(
        url, socket_connect_timeout=1, socket_timeout=1, client_name=BROKER_CLIENT_NAME
    )


def _check_broker() -> dict:
    if app.conf.task_always_eager:
        return {"state": OK, "mode": "in-process"}
    _broker_client(app.conf.broker_url).ping()
    return {"state": OK, "mode": "broker"}


# What each check's failure means for serving: only the database's is fatal.
CHECKS = {
    "database": (_check_database, DOWN),
    "cache": (_check_cache, DEGRADED),
    "broker": (_check_broker, DEGRADED),
}


def health_report() -> tuple[str, dict]:
    """The overall state (ok, degraded or down) and each check's."""
    report = {}
    for name, (check, failure_state) in CHECKS.items():
        try:
            report[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure is reported, not raised
            logger.warning("health check %s failed", name, exc_info=True)
            report[name] = {"state": failure_state, "error": type(error).__name__}
    states = {part["state"] for part in report.values()}
    overall = DOWN if DOWN in states else DEGRADED if DEGRADED in states else OK
    return overall, report


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path.rstrip("/")
        if path == LIVENESS_PATH:
            response = JsonResponse({"status": OK})
        elif path == HEALTH_PATH:
            overall, report = health_report()
            status = {OK: OK, DEGRADED: DEGRADED, DOWN: "unavailable"}[overall]
            response = JsonResponse(
                {"status": status, "checks": report}, status=503 if overall == DOWN else 200
            )
        else:
            return self.get_response(request)
        add_never_cache_headers(response)
        return response
