"""Email addresses typed into the account pages must fit where they are kept: a form
field allows 320 characters, the address's column holds 254."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from tests.helpers import client_for, email_of_length

TOO_LONG = "An email address can be at most 254 characters long."


@pytest.mark.parametrize("length", [255, 320])
def test_a_member_adding_an_address_too_long_to_keep_is_told_so(member_user, length):
    response = client_for("localhost", member_user).post(
        "/accounts/email/", {"email": email_of_length(length), "action_add": ""}
    )
    assert response.status_code == 200  # the form again, with its error
    assert TOO_LONG in response.content.decode()
    assert list(EmailAddress.objects.filter(user=member_user).values_list("email", flat=True)) in (
        [],
        [member_user.email],
    )


def test_a_member_can_add_an_address_of_exactly_254_characters(member_user):
    address = email_of_length(254)
    response = client_for("localhost", member_user).post(
        "/accounts/email/", {"email": address, "action_add": ""}
    )
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=member_user, email=address).exists()


def test_signing_up_with_an_address_too_long_to_keep_is_told_so(hub):
    password = "a long enough passphrase"
    response = client_for("localhost").post(
        "/accounts/signup/",
        {
            "membership_number": "L1234567",
            "email": email_of_length(300),
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    assert TOO_LONG in response.content.decode()
    assert not User.objects.filter(email__startswith="a" * 64).exists()
