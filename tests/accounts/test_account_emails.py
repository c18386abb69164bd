"""The account emails (sign-up confirmation, password reset and the rest, sent by
django-allauth) speak as LabourHub, in its own words, not the library's stock text."""

import datetime as dt
import re

import pytest
from allauth.account.adapter import get_adapter
from allauth.core.context import request_context
from django.core import mail
from django.test import RequestFactory

from tests.factories import MemberFactory, UserFactory
from tests.helpers import client_for

SENDER = "LabourHub <no-reply@labourhub.localhost>"
STOCK_TEXT = [
    "Hello from",
    "Thank you for using",
    "example.com",
    "localhost!",
    "You are receiving this",
    "You're receiving this",
    "Please Confirm",
    "take proper security precautions",
    "in our database",
    "[localhost]",
]


def _assert_ours(message):
    assert message.from_email == SENDER
    for stock in STOCK_TEXT:
        assert stock not in message.subject, stock
        assert stock not in message.body, stock
    assert message.body.rstrip().endswith(
        "LabourHub: Membersnet for Labour members, and a website for every local party."
    )


# Every template allauth may send, with the context allauth gives it, the subject we
# expect, and a line of the body.
EMAILS = {
    "account/email/email_confirmation_signup": (
        {"activate_url": "http://localhost/accounts/confirm-email/KEY/"},
        "Confirm your email address to finish joining Membersnet",
        "To confirm this email address is yours and finish making your account, open this "
        "link:\n\nhttp://localhost/accounts/confirm-email/KEY/",
    ),
    "account/email/email_confirmation": (
        {"activate_url": "http://localhost/accounts/confirm-email/KEY/"},
        "Confirm your email address for LabourHub",
        "To confirm it is yours, open this link:\n\nhttp://localhost/accounts/confirm-email/KEY/",
    ),
    "account/email/password_reset_key": (
        {"password_reset_url": "http://localhost/accounts/password/reset/key/K/"},
        "Choose a new password for LabourHub",
        "To choose a new password, open this link:\n\n"
        "http://localhost/accounts/password/reset/key/K/",
    ),
    "account/email/password_reset_code": (
        {"code": "ABC123"},
        "Your code to reset your LabourHub password",
        "Type this code in the page that asked for it:\n\nABC123",
    ),
    "account/email/login_code": (
        {"code": "XYZ789"},
        "Your LabourHub sign-in code",
        "To sign in to LabourHub, type this code in the page that asked for it:\n\nXYZ789",
    ),
    "account/email/account_already_exists": (
        {"email": "jo@example.org", "password_reset_url": "http://localhost/reset/"},
        "You already have a LabourHub account",
        "tried to sign up to LabourHub with jo@example.org, but there is already an account",
    ),
    "account/email/unknown_account": (
        {"email": "jo@example.org", "signup_url": "http://localhost/accounts/signup/"},
        "There is no LabourHub account for this address",
        "with your membership number and the email address on your membership record:\n\n"
        "http://localhost/accounts/signup/",
    ),
    "account/email/email_changed": (
        {"from_email": "old@example.org", "to_email": "new@example.org"},
        "The email address of your LabourHub account was changed",
        "was changed from old@example.org to new@example.org.",
    ),
    "account/email/email_confirm": (
        {},
        "Your LabourHub email address is confirmed",
        "Your email address is confirmed",
    ),
    "account/email/email_deleted": (
        {"deleted_email": "old@example.org"},
        "An email address was removed from your LabourHub account",
        "The email address old@example.org was removed",
    ),
    "account/email/password_changed": (
        {},
        "Your LabourHub password was changed",
        "The password of your LabourHub account was changed.",
    ),
    "account/email/password_reset": (
        {},
        "Your LabourHub password was reset",
        "The password of your LabourHub account was reset.",
    ),
    "account/email/password_set": (
        {},
        "A password was set for your LabourHub account",
        "A password was set for your LabourHub account.",
    ),
}
NOTIFICATIONS = {"email_changed", "email_confirm", "email_deleted", "password_changed"}
NOTIFICATIONS |= {"password_reset", "password_set"}


@pytest.mark.parametrize("template_prefix", EMAILS)
def test_each_account_email_is_in_labourhubs_words(db, template_prefix):
    context, subject, line = EMAILS[template_prefix]
    user = UserFactory(first_name="Jo", email="jo@example.org")
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    context = {"user": user, "request": request, **context}
    if template_prefix.rsplit("/", 1)[1] in NOTIFICATIONS:
        context |= {
            "ip": "192.0.2.1",
            "user_agent": "Firefox",
            "timestamp": dt.datetime(2026, 12, 4, 9, 30, tzinfo=dt.UTC),
        }
    with request_context(request):
        get_adapter(request).send_mail(template_prefix, "jo@example.org", context)
    (message,) = mail.outbox
    assert message.subject == subject
    assert message.body.startswith("Hello Jo,\n\n")
    assert line in message.body
    _assert_ours(message)
    if template_prefix.rsplit("/", 1)[1] in NOTIFICATIONS:
        assert "If this was you, there is nothing more to do." in message.body
        assert "- IP address: 192.0.2.1\n- Browser: Firefox\n- Time: 4 December 2026" in (
            message.body
        )


def test_signing_up_sends_labourhubs_confirmation_email(clp_a, django_capture_on_commit_callbacks):
    MemberFactory(membership_number="L7654321", email="jo@example.org", constituency=clp_a)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("localhost").post(
            "/accounts/signup/",
            {
                "membership_number": "L7654321",
                "email": "jo@example.org",
                "password1": "a long and unusual passphrase 42",
                "password2": "a long and unusual passphrase 42",
            },
        )
    (message,) = [m for m in mail.outbox if m.to == ["jo@example.org"]]
    assert message.subject == "Confirm your email address to finish joining Membersnet"
    assert re.search(r"http://localhost/accounts/confirm-email/\S+/", message.body)
    _assert_ours(message)


def test_a_password_reset_sends_labourhubs_emails(member_user):
    client = client_for("localhost")
    client.post("/accounts/password/reset/", {"email": member_user.email})
    client.post("/accounts/password/reset/", {"email": "stranger@example.org"})
    known, unknown = mail.outbox
    assert known.subject == "Choose a new password for LabourHub"
    assert re.search(r"http://localhost/accounts/password/reset/key/\S+/", known.body)
    assert unknown.subject == "There is no LabourHub account for this address"
    assert "http://localhost/accounts/signup/" in unknown.body
    _assert_ours(known)
    _assert_ours(unknown)
