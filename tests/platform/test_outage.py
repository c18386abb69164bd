"""While the database cannot be reached, visitors get a branded 503 with Retry-After,
not a bare 500; the app recovers by itself when it is back."""

import contextlib
import os
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django_tenants.middleware.main import TenantMainMiddleware

from constituencies.website.models import HomePage
from labourhub import varnish
from tests.helpers import database_server, eventually

ROOT = Path(__file__).resolve().parents[2]


def _visitor(host):
    return Client(HTTP_HOST=host, raise_request_exception=False)


def _assert_branded_503(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "back shortly" in html
    assert "css/labourhub.css" in html


def test_a_database_outage_at_the_tenant_lookup_is_a_branded_503(clp_a, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(TenantMainMiddleware, "get_tenant", refuse)
    response = _visitor(clp_a.primary_domain).get("/")
    _assert_branded_503(response)
    assert "127.0.0.1" not in response.content.decode()
    _assert_branded_503(_visitor("localhost").get("/membersnet/"))


def test_a_database_outage_in_a_page_is_a_branded_503(clp_a, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(HomePage, "get_context", refuse)
    _assert_branded_503(_visitor(clp_a.primary_domain).get("/"))


def test_other_errors_are_still_a_500(clp_a, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(HomePage, "get_context", fail)
    response = _visitor(clp_a.primary_domain).get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "Retry-After" not in response


# --- for real: the app in its own process, its database behind a plug we can pull ----------


class CuttableProxy:
    """A TCP proxy to the test database: `cut()` refuses and drops every connection, as a
    stopped PostgreSQL would; `restore()` lets them through again."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.port = varnish.free_port()
        self._connections = []
        self._listener = None
        self.restore()

    def _connect_upstream(self):
        family, address = self.upstream
        upstream = socket.socket(family, socket.SOCK_STREAM)
        upstream.connect(address)
        return upstream

    def restore(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(50)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = self._connect_upstream()
            self._connections += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, client, upstream):
        sockets = [client, upstream]
        try:
            while True:
                readable, _, _ = select.select(sockets, [], [], 1)
                for ready in readable:
                    data = ready.recv(65536)
                    if not data:
                        return
                    (upstream if ready is client else client).sendall(data)
        except OSError:
            return
        finally:
            for each in sockets:
                each.close()

    def cut(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        for each in self._connections:
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)
            each.close()
        self._connections = []


def _database_address():
    host, port = database_server()
    if host.startswith("/"):
        return socket.AF_UNIX, f"{host}/.s.PGSQL.{port}"
    return socket.AF_INET, (host, port)


def _get(port, host, path="/"):
    request = urllib.request.Request(  # noqa: S310 - our own test server
        f"http://127.0.0.1:{port}{path}", headers={"Host": host}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def app_behind_a_cuttable_database(django_db_setup, django_db_blocker, tmp_path):
    with django_db_blocker.unblock():
        name = connection.settings_dict["NAME"]
        address = _database_address()
    proxy = CuttableProxy(address)
    port = varnish.free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "labourhub.settings.test",
        "DATABASE_URL": f"postgres://{connection.settings_dict['USER']}@127.0.0.1:{proxy.port}/{name}",
    }
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and app
        [
            sys.executable,
            "-m",
            "gunicorn",
            "labourhub.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
    )
    try:
        varnish.wait_for_port(port, timeout=30)
        yield port, proxy
    finally:
        server.terminate()
        server.wait(timeout=10)
        proxy.cut()


def test_the_app_answers_a_branded_503_while_postgresql_is_down_and_recovers(
    app_behind_a_cuttable_database,
):
    port, proxy = app_behind_a_cuttable_database
    host = "testford-north.localhost"
    assert _get(port, host)[0] == 200

    proxy.cut()
    # A page the app has cached is still answered; anything else needs the database.
    assert _get(port, host)[0] == 200
    started = time.monotonic()
    status, headers, body = _get(port, host, "/?uncached=1")
    assert time.monotonic() - started < 5
    assert status == 503
    assert int(headers["Retry-After"]) > 0
    assert "no-store" in headers["Cache-Control"]
    assert "back shortly" in body
    assert _get(port, "localhost", "/official/")[0] == 503

    proxy.restore()
    recovered = eventually(lambda: _get(port, host, "/?uncached=2")[0] == 200, timeout=10)
    assert recovered, "the app did not recover once the database was back"
