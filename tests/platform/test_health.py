import pytest

from labourhub.celery import app
from tests.helpers import client_for


def test_healthz_reports_every_check_as_json(hub):
    response = client_for("localhost").get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert body["checks"]["broker"] == {"ok": True, "mode": "in-process"}


def test_healthz_answers_on_any_host(db):
    assert client_for("10.0.0.7").get("/healthz").status_code == 200


@pytest.fixture
def unreachable_broker():
    previous = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    yield
    app.conf.task_always_eager, app.conf.broker_url = previous


def test_healthz_is_503_when_the_broker_is_down(db, unreachable_broker):
    response = client_for("localhost").get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    # Anyone can read it: the kind of failure, never the broker's address.
    assert "127.0.0.1" not in response.content.decode()


def test_healthz_is_503_when_the_cache_is_down(db, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "KEY_FUNCTION": "labourhub.cache_keys.make_key",
        },
    }
    response = client_for("localhost").get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False
