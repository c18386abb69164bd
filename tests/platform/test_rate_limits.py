"""Rate limits count each visitor by the address the last trusted proxy saw."""

import pytest

from tests.helpers import client_for

LOOKUP = "/official/"


@pytest.fixture
def two_per_hour(settings):
    settings.OFFICIAL_LOOKUP_RATE_LIMIT = "2/h"


def _look_up(forwarded_for=None, remote_addr="10.0.0.1"):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client_for("localhost").get(LOOKUP, {"account": "@someone"}, **extra)


def test_without_a_proxy_each_connecting_address_has_its_own_allowance(db, two_per_hour):
    assert [_look_up(remote_addr="192.0.2.1").status_code for _ in range(3)] == [200, 200, 429]
    assert _look_up(remote_addr="192.0.2.2").status_code == 200
    # A forged header changes nothing when no proxy is trusted.
    assert _look_up("198.51.100.7", remote_addr="192.0.2.1").status_code == 429


def test_behind_a_proxy_visitors_are_told_apart_and_cannot_forge_their_way_out(
    db, two_per_hour, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # The load balancer (10.0.0.1) appends the address it saw to whatever came in.
    assert [_look_up("203.0.113.5").status_code for _ in range(3)] == [200, 200, 429]
    assert _look_up("203.0.113.6").status_code == 200  # someone else behind the same proxy
    assert _look_up("1.2.3.4, 203.0.113.5").status_code == 429  # a made-up first hop
