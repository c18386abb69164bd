"""The sign-up and sign-in forms' error summaries name each field, as every form's do."""

import re

from django.test import Client


def _summary(response):
    html = response.content.decode()
    start = html.index("There is a problem")
    return re.findall(
        r'<li><a href="(#[^"]+)">([^<]+)</a></li>', html[start : html.index("</ul>", start)]
    )


def test_an_empty_sign_up_names_every_field(hub):
    response = Client(HTTP_HOST="localhost").post("/accounts/signup/", {})
    assert _summary(response) == [
        ("#id_membership_number", "Membership number: enter membership number"),
        ("#id_email", "Email: enter email"),
        ("#id_password1", "Password: enter password"),
        ("#id_password2", "Password (again): enter password again"),
    ]
    assert "This field is required" not in response.content.decode()


def test_an_empty_sign_in_names_every_field(hub):
    response = Client(HTTP_HOST="localhost").post("/accounts/login/", {})
    assert _summary(response) == [
        ("#id_login", "Email: enter email"),
        ("#id_password", "Password: enter password"),
    ]
