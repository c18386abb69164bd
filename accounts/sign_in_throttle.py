"""Failed sign-ins, limited so that guessing is slow but nobody can lock the real person
out of their account by failing on purpose.

Three limits, all counting only failed passwords, and across every site (the cache keys
start "rl:", see labourhub.cache_keys):

- **One address against one account.** After SIGN_IN_FREE_FAILURES failures from an IP
  address on an account, that address waits SIGN_IN_FIRST_WAIT_SECONDS before its next
  try on that account, and twice as long after each further failure (up to
  SIGN_IN_LONGEST_WAIT_SECONDS). Everyone else, the account holder included, signs in
  as usual. The count is forgotten a day after the last wait is over, or when the
  password is right.
- **One account, from everywhere.** SIGN_IN_ACCOUNT_CEILING failures in an hour, from
  however many addresses, close the account to password sign-in until the hour is out:
  an attacker with many addresses is still bounded. It is set far above what one address
  can reach under the first limit.
- **One address, on every account.** SIGN_IN_ADDRESS_LIMIT failures in 15 minutes from
  one address (trying many accounts) close sign-in from it until the 15 minutes are out.

The account holder is emailed when their account has had SIGN_IN_NOTIFY_AFTER failures
within an hour, at most once an hour. What a refused person is told is the same whether
or not the account exists.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from labourhub.client_ip import client_ip

ACCOUNT_WINDOW = 60 * 60
ADDRESS_WINDOW = 15 * 60
PAIR_MEMORY = 24 * 60 * 60
NOTIFY_EVERY = 60 * 60


def _now() -> float:
    return time.time()


def _digest(*parts: str) -> str:
    # Keys never hold an email address in clear, in Redis or in its dumps.
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Attempt:
    """One sign-in attempt: who it is for, and from where."""

    login: str
    ip: str

    @classmethod
    def from_request(cls, request, credentials) -> "Attempt":
        login = credentials.get("email") or credentials.get("username") or ""
        return cls(login=login.strip().lower(), ip=client_ip(request) or "unknown")

    @property
    def _pair(self) -> str:
        return f"rl:sign-in:pair:{_digest(self.ip, self.login)}"

    def _account_window(self, now: float) -> str:
        return f"rl:sign-in:account:{_digest(self.login)}:{int(now // ACCOUNT_WINDOW)}"

    def _address_window(self, now: float) -> str:
        return f"rl:sign-in:address:{_digest(self.ip)}:{int(now // ADDRESS_WINDOW)}"


class SignInRefused(Exception):
    """Too many failures: `message` says, in plain words, when to try again."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _in_words(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    if minutes < 60:
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    hours = round(minutes / 60)
    return "1 hour" if hours == 1 else f"{hours} hours"


def _pair_wait(failures: int) -> float:
    """How long an address waits after its `failures`-th failure on one account."""
    beyond = failures - settings.SIGN_IN_FREE_FAILURES
    if beyond < 0:
        return 0
    return min(
        settings.SIGN_IN_FIRST_WAIT_SECONDS * 2 ** min(beyond, 32),
        settings.SIGN_IN_LONGEST_WAIT_SECONDS,
    )


def check(attempt: Attempt) -> None:
    """Raise SignInRefused if this attempt must not be tried now."""
    now = _now()
    if cache.get(attempt._address_window(now), 0) >= settings.SIGN_IN_ADDRESS_LIMIT:
        raise SignInRefused(
            "There have been too many failed sign-ins from your network. Try again in "
            f"{_in_words(ADDRESS_WINDOW - now % ADDRESS_WINDOW)}."
        )
    if cache.get(attempt._account_window(now), 0) >= settings.SIGN_IN_ACCOUNT_CEILING:
        raise SignInRefused(
            "This account has had too many failed sign-ins, so signing in with a password "
            f"is paused. Try again in {_in_words(ACCOUNT_WINDOW - now % ACCOUNT_WINDOW)}, "
            "or reset your password."
        )
    failures, last = cache.get(attempt._pair, (0, 0.0))
    wait_until = last + _pair_wait(failures)
    if now < wait_until:
        raise SignInRefused(
            "Too many wrong passwords for this account from here. Try again in "
            f"{_in_words(wait_until - now)}, or reset your password."
        )


def _count(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


def record_failure(attempt: Attempt) -> bool:
    """Count a wrong password. Returns True when the account holder should now be told
    (the account has reached SIGN_IN_NOTIFY_AFTER failures this hour, and has not been
    told within the last hour)."""
    now = _now()
    # Two failures at the same instant may count as one here; the account and address
    # counters below are exact, and bound the rest.
    failures, _ = cache.get(attempt._pair, (0, 0.0))
    cache.set(attempt._pair, (failures + 1, now), _pair_wait(failures + 1) + PAIR_MEMORY)
    _count(attempt._address_window(now), ADDRESS_WINDOW)
    on_account = _count(attempt._account_window(now), ACCOUNT_WINDOW)
    if on_account < settings.SIGN_IN_NOTIFY_AFTER:
        return False
    key = f"rl:sign-in:notified:{_digest(attempt.login)}"
    if cache.add(key, now, NOTIFY_EVERY):
        return True
    if now - cache.get(key, now) >= NOTIFY_EVERY:
        cache.set(key, now, NOTIFY_EVERY)
        return True
    return False


def record_success(attempt: Attempt) -> None:
    """The password was right: this address starts afresh on this account."""
    cache.delete(attempt._pair)
