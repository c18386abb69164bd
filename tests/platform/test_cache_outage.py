"""When the cache's Redis is down, every site keeps working: pages are served uncached,
forms are accepted and stored, rate limits are counted in each process, and /healthz
says the cache is degraded. When Redis is back the cache is used again by itself."""

import json
import logging
import shutil
import socket
import subprocess

import pytest
from django.core.cache import caches

from constituencies.contact.models import ContactMessage
from constituencies.signups.models import EventSignup
from constituencies.website.models import Representative
from governance.models import AccountReport
from labourhub import redis_cache
from tests.factories import add_event
from tests.helpers import client_for, eventually


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _redis_cache_at(settings, url):
    settings.CACHES = {
        alias: {
            "BACKEND": "labourhub.redis_cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
            "KEY_FUNCTION": "labourhub.cache_keys.make_key",
            "REVERSE_KEY_FUNCTION": "labourhub.cache_keys.reverse_key",
        }
        for alias in ("default", "renditions")
    }


@pytest.fixture
def cache_down(settings):
    """The cache points at a Redis that is not there (nothing listens on the port)."""
    _redis_cache_at(settings, f"redis://127.0.0.1:{_free_port()}/0")


@pytest.fixture
def visitor(clp_a):
    return client_for(clp_a)


def test_every_kind_of_page_is_served_while_the_cache_is_down(
    clp_a, in_schema, cache_down, visitor, caplog
):
    with in_schema(clp_a):
        event = add_event("Street stall", venue="Market Square")
    caplog.set_level(logging.WARNING, logger="labourhub.redis_cache")
    for path in ("/", "/news/", event.url, "/contact/", "/calendar.ics", "/news/feed/rss/"):
        response = visitor.get(path)
        assert response.status_code == 200, path
    assert client_for("localhost").get("/").status_code == 200  # the hub's directory
    assert client_for("localhost").get("/accounts/login/").status_code == 200
    warnings = [r for r in caplog.records if "cache (Redis) is unreachable" in r.getMessage()]
    assert len(warnings) == 1  # once, not once per request


def test_forms_are_accepted_and_stored_while_the_cache_is_down(
    clp_a, in_schema, cache_down, visitor, django_capture_on_commit_callbacks, mailoutbox
):
    with in_schema(clp_a):
        Representative.objects.create(name="Ada Lovelace", kind="mp", email="mp@example.org")
        event = add_event("Street stall", venue="Market Square")
    with django_capture_on_commit_callbacks(execute=True):
        contact = visitor.post(
            "/contact/",
            {
                "name": "Sam Sender",
                "email": "sam@example.org",
                "postcode": "BS5 6AB",
                "subject": "Bus routes",
                "message": "Please save the number 48 bus.",
                "website": "",
            },
        )
        signup = visitor.post(
            event.url + "sign-up/",
            {"name": "Ann Example", "email": "ann@example.org", "consent": "on", "website": ""},
        )
        report = client_for("localhost").post(
            "/official/report/",
            {
                "unit": "",
                "account": "@TestfordNorthLabourReal",
                "reason": "not_on_register",
                "details": "It says it is the official party.",
                "website": "",
            },
        )
    assert contact.status_code == 200
    assert "Check your email" in contact.content.decode()
    assert signup.status_code == 302
    assert report.status_code == 302
    with in_schema(clp_a):
        assert ContactMessage.objects.count() == 1
        assert EventSignup.objects.count() == 1
    assert AccountReport.objects.count() == 1
    assert {tuple(m.to) for m in mailoutbox} >= {("sam@example.org",), ("ann@example.org",)}


def test_rate_limits_still_hold_in_each_process_while_the_cache_is_down(
    clp_a, in_schema, cache_down, visitor, settings
):
    settings.CONTACT_RATE_LIMIT = "2/h"
    with in_schema(clp_a):
        Representative.objects.create(name="Ada Lovelace", kind="mp", email="mp@example.org")
    form = {
        "name": "Sam Sender",
        "email": "sam@example.org",
        "postcode": "BS5 6AB",
        "subject": "Bus routes",
        "message": "Please save the number 48 bus.",
        "website": "",
    }
    answers = [visitor.post("/contact/", form) for _ in range(3)]
    assert [a.status_code for a in answers[:2]] == [200, 200]
    assert answers[2].status_code == 429
    assert "Bus routes" in answers[2].content.decode()  # what was typed is kept
    with in_schema(clp_a):
        assert ContactMessage.objects.count() == 2


def test_health_reports_the_cache_as_degraded_not_the_app_as_down(db, cache_down):
    response = client_for("localhost").get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["state"] == "degraded"
    assert body["checks"]["database"]["state"] == "ok"


def _answers(port) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
    except OSError:
        return False
    return True


@pytest.fixture
def own_redis(tmp_path):
    """A Redis of this test's own, which it may stop and start again."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server (Debian's redis-server package) to stop and start")
    port = _free_port()

    def start():
        process = subprocess.Popen(  # noqa: S603 - a fixed command
            [shutil.which("redis-server"), "--port", str(port), "--save", "", "--appendonly", "no"],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
        )
        if not eventually(lambda: _answers(port), timeout=5):
            raise RuntimeError("redis-server did not start")
        return process

    processes = [start()]
    yield port, processes, start
    for process in processes:
        process.kill()
        process.wait()


def test_the_cache_is_used_again_by_itself_once_redis_is_back(db, settings, own_redis, monkeypatch):
    port, processes, start = own_redis
    monkeypatch.setattr(redis_cache, "RETRY_SECONDS", 0.2)
    _redis_cache_at(settings, f"redis://127.0.0.1:{port}/0")
    cache = caches["default"]
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"

    processes[0].kill()
    processes[0].wait()
    assert cache.get("greeting") is None  # answered as a miss, not raised
    cache.set("greeting", "unheard")  # nowhere to keep it: dropped
    assert cache.is_unreachable

    processes.append(start())

    def kept_again():  # each try is refused until RETRY_SECONDS have passed
        cache.set("greeting", "hello again")
        return cache.get("greeting") == "hello again"

    assert eventually(kept_again, timeout=5)
    assert not cache.is_unreachable
