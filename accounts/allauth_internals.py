"""The few parts of django-allauth we use that it keeps internal (no public API does
the same), in this one module. tests/accounts/test_allauth_internals.py checks each
against the installed allauth, so an upgrade that changes one fails there rather than
in somebody's sign-in."""

import time

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value


def record_second_factor(request, user, authenticator) -> None:
    """Count `authenticator` as a second factor proved in this session (setting one up
    means a code was just entered)."""
    record_authentication(request, user, "mfa", type=authenticator.type)


def activate_totp(user, secret: str):
    """Give `user` an authenticator app with `secret` (demo data and tests)."""
    return TOTP.activate(user, secret)


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app with `secret` shows at time `at` (now by default)."""
    at = time.time() if at is None else at
    return format_hotp_value(hotp_value(secret, int(at) // mfa_settings.TOTP_PERIOD))
