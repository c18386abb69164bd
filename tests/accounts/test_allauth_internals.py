"""allauth's internals that accounts/allauth_internals.py wraps: these fail when an
upgrade of allauth changes one of them, before a sign-in does."""

import inspect
import time

from allauth.account.internal.flows import login
from allauth.mfa.totp.internal import auth

from accounts.allauth_internals import activate_totp, totp_code
from tests.factories import UserFactory


def test_record_authentication_still_takes_request_user_method_and_extra_data():
    parameters = list(inspect.signature(login.record_authentication).parameters)
    assert parameters[:3] == ["request", "user", "method"]
    assert inspect.signature(login.record_authentication).parameters[parameters[-1]].kind == (
        inspect.Parameter.VAR_KEYWORD
    )


def test_totp_code_is_what_allauth_accepts_now_and_not_for_another_secret(db):
    user = UserFactory()
    authenticator = activate_totp(user, "JBSWY3DPEHPK3PXP").instance
    assert auth.validate_totp_code("JBSWY3DPEHPK3PXP", totp_code("JBSWY3DPEHPK3PXP"))
    assert not auth.validate_totp_code("JBSWY3DPEHPK3PXQ", totp_code("JBSWY3DPEHPK3PXP"))
    assert authenticator.type == "totp"


def test_a_code_from_three_windows_ago_is_refused():
    old = totp_code("JBSWY3DPEHPK3PXP", at=time.time() - 90)
    assert not auth.validate_totp_code("JBSWY3DPEHPK3PXP", old)
