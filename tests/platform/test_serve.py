"""`make serve` for real: the production settings under gunicorn behind Varnish, on this
machine's names only, without Redis (tasks in-process, the cache in files)."""

import os
import stat
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest
from django.db import connection

from labourhub import serve, varnish
from tests.helpers import database_server

pytestmark = pytest.mark.varnish


def _database_url():
    user, name = connection.settings_dict["USER"], connection.settings_dict["NAME"]
    host, port = database_server()
    if host.startswith("/"):  # the embedded PostgreSQL's socket directory
        return f"postgresql://{user}@/{name}?host={quote(host, safe='/')}&port={port}"
    return f"postgres://{user}@{host}:{port}/{name}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(port, host, path="/"):
    request = urllib.request.Request(  # noqa: S310 - our own local server
        f"http://127.0.0.1:{port}{path}", headers={"Host": f"{host}:{port}"}
    )
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def served(django_db_setup, django_db_blocker, tmp_path_factory):
    if varnish.varnishd() is None:
        pytest.skip(varnish.INSTALL_HINT)
    state = tmp_path_factory.mktemp("serve")
    with django_db_blocker.unblock():
        database_url = _database_url()
    saved = serve.STATE, os.environ.copy()
    serve.STATE = state
    os.environ["DATABASE_URL"] = database_url
    for name in ("REDIS_URL", "CACHE_URL", "DJANGO_SECRET_KEY", "DJANGO_SETTINGS_MODULE"):
        os.environ.pop(name, None)
    port = varnish.free_port()
    try:
        env = serve.environment(port)
        serve.prepare(env)
        processes = serve.start(env, port, workers=2)
    finally:
        serve.STATE = saved[0]
        os.environ.clear()
        os.environ.update(saved[1])
    yield port, state
    serve.stop(processes)


def test_pages_are_served_over_plain_http_on_localhost_through_varnish(served):
    port, _ = served
    status, headers, body = _get(port, "testford-north.localhost")
    assert status == 200
    assert "Strict-Transport-Security" not in headers
    assert headers["Cache-Control"].startswith("public")
    # Links name the port Varnish listens on.
    assert f"http://testford-north.localhost:{port}/" in body
    assert _get(port, "testford-north.localhost")[1]["X-Cache"] == "hit"
    status, headers, body = _get(port, "localhost")
    assert status == 200
    assert "Find your local party" in body


def test_only_this_machines_names_are_answered(served):
    port, _ = served
    assert _get(port, "testford-north.example.org")[0] in (400, 404)
    assert _get(port, "example.org")[0] in (400, 404)


def test_sign_in_works_without_https(served):
    port, _ = served
    status, headers, body = _get(port, "localhost", "/accounts/login/")
    assert status == 200
    cookies = headers.get_all("Set-Cookie") or []
    assert any(cookie.startswith("csrftoken=") for cookie in cookies)
    assert not any("Secure" in cookie for cookie in cookies)


def test_runs_without_redis_and_keeps_its_secret_key_private(served):
    port, state = served
    status, _, body = _get(port, "localhost", "/healthz")
    assert status == 200
    assert '"mode": "in-process"' in body
    key = state / "secret-key"
    assert len(key.read_text()) >= 50
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_static_files_are_served_hashed_and_compressed(served):
    port, _ = served
    _, _, body = _get(port, "testford-north.localhost")
    links = [part.split('"')[0] for part in body.split('href="')[1:]]
    stylesheet = next(link for link in links if link.endswith(".css"))
    assert stylesheet.startswith("/static/css/labourhub.")
    status, headers, _ = _get(port, "testford-north.localhost", stylesheet)
    assert status == 200
    assert "immutable" in headers["Cache-Control"]
