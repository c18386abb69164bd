import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.db import OperationalError
from pytest_django.live_server_helper import LiveServer

from labourhub import health
from labourhub.celery import app
from tests.helpers import client_for, redis_url_or_skip


def test_healthz_reports_every_check_as_json(hub):
    response = client_for("localhost").get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert body["checks"]["broker"] == {"state": "ok", "mode": "in-process"}


def test_healthz_answers_on_any_host(db):
    assert client_for("10.0.0.7").get("/healthz").status_code == 200


@pytest.fixture
def unreachable_broker():
    previous = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    yield
    app.conf.task_always_eager, app.conf.broker_url = previous


def test_healthz_reports_a_broker_that_is_down_as_degraded_and_stays_ready(db, unreachable_broker):
    response = client_for("localhost").get("/healthz")
    assert response.status_code == 200  # forms are stored; their emails wait in the outbox
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["broker"] == {"state": "degraded", "error": "ConnectionError"}
    assert body["checks"]["database"] == {"state": "ok"}
    # Anyone can read it: the kind of failure, never the broker's address.
    assert "127.0.0.1" not in response.content.decode()


def test_healthz_reports_a_cache_that_is_down_as_degraded(db, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "KEY_FUNCTION": "labourhub.cache_keys.make_key",
        },
    }
    response = client_for("localhost").get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"]["state"] == "degraded"


def _database_down(*args, **kwargs):
    raise OperationalError("connection to server at 10.1.2.3 failed: Connection refused")


def test_healthz_is_503_when_the_database_is_down(db, monkeypatch):
    monkeypatch.setitem(health.CHECKS, "database", (_database_down, health.DOWN))
    response = client_for("localhost").get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {"state": "down", "error": "OperationalError"}
    assert "10.1.2.3" not in response.content.decode()


def test_liveness_answers_whatever_the_database_cache_and_broker_say(
    db, monkeypatch, unreachable_broker
):
    monkeypatch.setitem(health.CHECKS, "database", (_database_down, health.DOWN))
    response = client_for("10.0.0.7").get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_is_never_cached(db):
    response = client_for("localhost").get("/healthz")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.fixture
def live_health_server(django_db_setup, django_db_blocker):

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        yield server
        server.stop()


def _probe_in_parallel(url, count):

    def probe(_):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our server
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(probe, range(count)))


def test_twenty_parallel_probes_all_answer_200(live_health_server):
    statuses = _probe_in_parallel(f"{live_health_server.url}/healthz", 20)
    assert statuses == [200] * 20


@pytest.mark.broker
def test_twenty_parallel_probes_all_answer_200_with_redis_cache_and_broker(
    live_health_server, settings
):
    url = redis_url_or_skip()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_FUNCTION": "labourhub.cache_keys.make_key",
        },
    }
    previous = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager, app.conf.broker_url = False, url
    try:
        statuses = _probe_in_parallel(f"{live_health_server.url}/healthz", 20)
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
    assert statuses == [200] * 20


@pytest.mark.broker
def test_probes_reuse_the_broker_connection(db):

    url = redis_url_or_skip()
    server = redis.Redis.from_url(url)
    previous = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager, app.conf.broker_url = False, url
    try:
        assert client_for("localhost").get("/healthz").status_code == 200
        opened_before = server.info("stats")["total_connections_received"]
        for _ in range(10):
            assert client_for("localhost").get("/healthz").status_code == 200
        opened = server.info("stats")["total_connections_received"] - opened_before
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
    # Ten probes, no new connection (one spare for anything else on this Redis).
    assert opened <= 1
