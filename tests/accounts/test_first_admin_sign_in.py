"""A new officer's first way into the admin: sign in with their password, set up an
authenticator app, reach the admin, without being asked for the password they have just
typed."""

import time
from urllib.parse import urlsplit

from django.db import transaction

from accounts.allauth_internals import totp_code
from roles.models import Role
from tests.factories import make_officer
from tests.helpers import client_for

PASSWORD = "correct horse battery staple"
SECRET_KEY = "mfa.totp.secret"  # allauth keeps the secret it offers here while setting up


def _sign_in(client, email, next_path="/admin/"):
    response = client.post(
        f"/accounts/login/?next={next_path}", {"login": email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == next_path
    return response


def test_a_new_officer_sets_up_two_factor_right_after_signing_in_without_the_password_again(
    clp_a, monkeypatch
):
    officer = make_officer(
        clp_a, Role.SOCIAL_MEDIA_OFFICER, email="first.smo@example.org", mfa=False
    )
    client = client_for(clp_a)
    _sign_in(client, officer.email)
    to_setup = client.get("/admin/")
    assert urlsplit(to_setup["Location"]).path == "/accounts/2fa/totp/activate/"
    setup = client.get(to_setup["Location"])
    assert setup.status_code == 200, setup.get("Location")
    assert "reauthenticate" not in setup.get("Location", "")
    secret = client.session[SECRET_KEY]
    # allauth announces the new authenticator on commit, which outside a test's
    # transaction is at once, within the request that set it up.
    monkeypatch.setattr(transaction, "on_commit", lambda callback, *args, **kwargs: callback())
    done = client.post(to_setup["Location"], {"code": totp_code(secret)})
    assert done.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_sign_in_long_ago_still_asks_for_the_password_before_changing_two_factor(
    clp_a, monkeypatch
):
    officer = make_officer(clp_a, Role.EDITOR, email="old.session@example.org", mfa=False)
    client = client_for(clp_a)
    _sign_in(client, officer.email)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 10 * 60)
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/accounts/reauthenticate/"
