"""The few parts of django-allauth we use that it keeps internal (no public API does
the same), in this one module. tests/accounts/test_allauth_internals.py checks each
against the installed allauth, so an upgrade that changes one fails there rather than
in somebody's sign-in."""

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value


def record_second_factor(request, user, authenticator) -> None:
    """Count `authenticator` as a second factor proved in this session (setting one up
    means a code was just entered)."""
    record_authentication(request, user, "mfa", type=authenticator.type)


# What allauth counts as having proved who you are again (its reauthentication flows).
_PROOFS = ("password", "mfa")


def count_sign_in_as_reauthentication(request) -> None:
    """A sign-in that has just been completed proves the password (and the code) as
    much as allauth's "confirm your password" step would: mark its record so, and
    allauth's recent-authentication window (ACCOUNT_REAUTHENTICATION_TIMEOUT) starts
    at the sign-in. Otherwise a new officer sent from the sign-in straight to setting
    up two-factor authentication is asked for the password they typed a moment ago."""
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY) or []
    for record in reversed(records):
        if record.get("method") in _PROOFS:
            record["reauthenticated"] = True
            request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records
            return


def activate_totp(user, secret: str):
    """Give `user` an authenticator app with `secret` (demo data and tests)."""
    return TOTP.activate(user, secret)


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app with `secret` shows at time `at` (now by default)."""
    at = time.time() if at is None else at
    return format_hotp_value(hotp_value(secret, int(at) // mfa_settings.TOTP_PERIOD))
