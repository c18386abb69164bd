import datetime as dt
import html
import os
import threading
import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.db import connection
from django.db.models import F
from django.test import Client
from django.utils.html import strip_tags

from outbox.models import OutgoingEmail
from outbox.tasks import relay_due


def client_for(constituency_or_host, user=None) -> Client:
    """A browser on that site's host, signed in as `user` if given, as the login form
    would: with the second factor recorded when the user has one."""
    host = getattr(constituency_or_host, "primary_domain", constituency_or_host)
    client = Client(HTTP_HOST=host)
    if user is not None:
        client.force_login(user)
        if user_has_mfa(user):
            session = client.session
            session[AUTHENTICATION_METHODS_SESSION_KEY] = [
                {"method": "password", "at": time.time(), "email": user.email},
                {"method": "mfa", "at": time.time(), "type": "totp"},
            ]
            session.save()
    return client


def user_has_mfa(user) -> bool:

    return Authenticator.objects.filter(user=user).exists()


def redis_url_or_skip() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("needs a real Redis broker: set REDIS_URL (CI always does)")
    return url


def database_server():
    """(host, port) of the test database's server as the connection really reached it:
    a socket directory for the embedded PostgreSQL, whose URL names none in HOST."""
    connection.ensure_connection()
    info = connection.connection.info
    return info.host, int(info.port)


def run_outbox_sweep(minutes_later: int = 5) -> int:
    """Run the outbox sweep in the current schema as it would run `minutes_later`
    minutes from now: retries come due, and claims of that age count as abandoned."""

    earlier = dt.timedelta(minutes=minutes_later)
    OutgoingEmail.objects.update(
        queued_at=F("queued_at") - earlier, next_attempt_at=F("next_attempt_at") - earlier
    )
    OutgoingEmail.objects.filter(claimed_at__isnull=False).update(
        claimed_at=F("claimed_at") - earlier
    )
    return relay_due()


def email_of_length(length: int) -> str:
    """A well-formed email address exactly `length` characters long (up to the 320 an
    address may have): a local part of at most 64 and labels of at most 63."""
    for local in (64, 63):
        rest = length - local - len("@") - len("org")
        if rest >= 0 and rest % 64 != 1:
            labels = ["b" * 63] * (rest // 64) + (["b" * (rest % 64 - 1)] if rest % 64 else [])
            return f"{'a' * local}@{''.join(label + '.' for label in labels)}org"
    raise ValueError(f"no address of {length} characters")


def html_of(response) -> str:
    """The page's HTML with entities such as &#x27; decoded, as a person would read
    the words in it."""
    return html.unescape(response.content.decode())


def page_of(response) -> str:
    """`html_of` a page that must have answered 200."""
    assert response.status_code == 200, response.status_code
    return html_of(response)


def text_of(response) -> str:
    """The page's visible text: tags stripped, entities decoded, one space between
    words."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def eventually(condition, timeout: float = 5.0, every: float = 0.05):
    """Ask `condition()` until it holds, and return what it last returned (falsy if
    `timeout` seconds pass first). For a process outside the test (Varnish, Redis, a
    server coming back) that changes on its own clock: the test goes on as soon as it
    has, instead of sleeping for a guessed time."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while True:
        result = condition()
        if result or time.monotonic() > deadline:
            return result
        pause.wait(every)
