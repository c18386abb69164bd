"""Wrong passwords are limited per address and account, with a growing wait, so that
guessing is slow but nobody can lock the real person out by failing on purpose; the
account holder hears about it by email, at most once an hour."""

import pytest
from django.core import mail

from accounts import sign_in_throttle
from tests.factories import UserFactory
from tests.helpers import client_for

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
ATTACKER = "198.51.100.1"
HOLDER = "203.0.113.9"
LOGIN = "/accounts/login/"


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved on by hand."""

    class Clock:
        now = 1_900_000_000.0

        def advance(self, seconds):
            self.now += seconds

    clock = Clock()
    monkeypatch.setattr(sign_in_throttle, "_now", lambda: clock.now)
    return clock


@pytest.fixture
def secretary(officer_a):
    return officer_a


@pytest.fixture
def no_page_limit(settings):
    """allauth's own limit on sign-in attempts (30 a minute from one address, right or
    wrong), out of the way of tests that make more in the same real minute."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": None}


def sign_in(email, password, ip, site="localhost"):
    return client_for(site).post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)


def signed_in(response) -> bool:
    """Past the password: on to the second factor, or in."""
    return response.status_code == 302 and not response["Location"].startswith(LOGIN)


def refusal(response) -> str:
    text = response.content.decode()
    assert response.status_code == 200
    return text


def test_an_attacker_failing_fifty_times_does_not_lock_the_secretary_out(
    secretary, clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(50):
            assert not signed_in(sign_in(secretary.email, "guess", ATTACKER))
            clock.advance(1)
    assert signed_in(sign_in(secretary.email, PASSWORD, HOLDER))
    # The attacker, on the other hand, is refused even with the right password.
    assert not signed_in(sign_in(secretary.email, PASSWORD, ATTACKER))
    assert len(mail.outbox) == 1


def test_the_wait_has_grown_long_after_fifty_failures(secretary, clock, no_page_limit):
    for attempt in range(50):
        if attempt:
            clock.advance(24 * 60 * 60)  # as patient as can be: it waits out every wait
        assert "not correct" in refusal(sign_in(secretary.email, "guess", ATTACKER))
    # Even so, 50 tries took seven weeks; each now costs a day (the longest wait).
    assert "Try again in 24 hours" in refusal(sign_in(secretary.email, PASSWORD, ATTACKER))


def test_five_wrong_passwords_from_one_address_make_it_wait_a_minute_then_twice_as_long(
    secretary, clock
):
    for _ in range(5):
        assert "not correct" in refusal(sign_in(secretary.email, "guess", ATTACKER))
    page = refusal(sign_in(secretary.email, PASSWORD, ATTACKER))
    assert "Too many wrong passwords for this account from here. Try again in 1 minute" in page
    clock.advance(59)
    assert not signed_in(sign_in(secretary.email, PASSWORD, ATTACKER))
    clock.advance(2)
    assert "not correct" in refusal(sign_in(secretary.email, "guess again", ATTACKER))
    assert "Try again in 2 minutes" in refusal(sign_in(secretary.email, PASSWORD, ATTACKER))
    clock.advance(121)
    assert "not correct" in refusal(sign_in(secretary.email, "and again", ATTACKER))
    assert "Try again in 4 minutes" in refusal(sign_in(secretary.email, PASSWORD, ATTACKER))
    clock.advance(241)
    assert signed_in(sign_in(secretary.email, PASSWORD, ATTACKER))


def test_refused_attempts_do_not_lengthen_the_wait(secretary, clock, no_page_limit):
    for _ in range(5):
        sign_in(secretary.email, "guess", ATTACKER)
    for _ in range(20):
        sign_in(secretary.email, "guess", ATTACKER)
    clock.advance(61)
    assert signed_in(sign_in(secretary.email, PASSWORD, ATTACKER))


def test_the_right_password_starts_the_address_afresh(secretary, clock):
    for _ in range(4):
        sign_in(secretary.email, "guess", HOLDER)
    assert signed_in(sign_in(secretary.email, PASSWORD, HOLDER))
    for _ in range(4):
        sign_in(secretary.email, "typo", HOLDER)
    assert signed_in(sign_in(secretary.email, PASSWORD, HOLDER))


def test_failures_from_many_addresses_reach_the_accounts_ceiling(secretary, clock, settings):
    assert settings.SIGN_IN_ACCOUNT_CEILING >= 10 * settings.SIGN_IN_FREE_FAILURES
    for n in range(settings.SIGN_IN_ACCOUNT_CEILING):
        sign_in(secretary.email, "guess", f"10.1.{n // 250}.{n % 250 + 1}")
    page = refusal(sign_in(secretary.email, PASSWORD, HOLDER))
    assert "This account has had too many failed sign-ins" in page
    assert "Try again in" in page
    # Other accounts are untouched.
    other = UserFactory(email="someone.else@example.org")
    assert signed_in(sign_in(other.email, PASSWORD, HOLDER))
    clock.advance(60 * 60)
    assert signed_in(sign_in(secretary.email, PASSWORD, HOLDER))


def test_one_address_trying_many_accounts_is_stopped(secretary, clock, settings, no_page_limit):
    for n in range(settings.SIGN_IN_ADDRESS_LIMIT):
        sign_in(f"guess{n}@example.org", "guess", ATTACKER)
    page = refusal(sign_in(secretary.email, PASSWORD, ATTACKER))
    assert "too many failed sign-ins from your network" in page
    assert signed_in(sign_in(secretary.email, PASSWORD, HOLDER))
    clock.advance(15 * 60)
    assert signed_in(sign_in(secretary.email, PASSWORD, ATTACKER))


def test_the_limits_count_across_every_site(secretary, clp_a, clp_b, clock):
    for site in ("localhost", clp_a.primary_domain, clp_b.primary_domain, "localhost", "localhost"):
        sign_in(secretary.email, "guess", ATTACKER, site=site)
    assert "Try again in 1 minute" in refusal(
        sign_in(secretary.email, PASSWORD, ATTACKER, site=clp_b.primary_domain)
    )


def test_the_holder_is_emailed_about_repeated_failures_once_an_hour(
    secretary, clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(30):
            sign_in(secretary.email, "guess", f"10.2.0.{n + 1}")
    (message,) = mail.outbox
    assert message.to == [secretary.email]
    assert "Failed attempts to sign in" in message.subject
    assert "/accounts/password/reset/" in message.body
    assert "your account is safe" in message.body
    clock.advance(60 * 60)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            sign_in(secretary.email, "guess", f"10.3.0.{n + 1}")
    assert len(mail.outbox) == 2


def test_an_unknown_address_is_refused_alike_and_nobody_is_emailed(
    secretary, clock, django_capture_on_commit_callbacks
):
    def refusals(email):
        with django_capture_on_commit_callbacks(execute=True):
            pages = [refusal(sign_in(email, "guess", ATTACKER)) for _ in range(6)]
        return [page.replace(email, "EMAIL") for page in pages]

    nobody = refusals("nobody.here@example.org")
    assert mail.outbox == []
    assert _errors(nobody) == _errors(refusals(secretary.email))
    assert len(mail.outbox) == 1


def _errors(pages):
    return [page.split('class="error-summary', 1)[1].split("</div>", 1)[0] for page in pages]


def test_the_waiting_message_is_in_plain_words():
    assert sign_in_throttle._in_words(1) == "1 minute"
    assert sign_in_throttle._in_words(60) == "1 minute"
    assert sign_in_throttle._in_words(61) == "2 minutes"
    assert sign_in_throttle._in_words(59 * 60) == "59 minutes"
    assert sign_in_throttle._in_words(4 * 60 * 60) == "4 hours"
