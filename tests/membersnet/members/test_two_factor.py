"""Two-factor authentication for members who choose it, and for officers and staff who must
have it."""

from tests.factories import (
    UserFactory,
    give_mfa,
    make_officer,
    totp_code,
)
from tests.helpers import client_for

from .shared import hub


def test_officers_must_set_up_two_factor_authentication_before_using_the_admin(clp_a):

    officer = make_officer(clp_a, email="new.officer@example.org", mfa=False)
    response = client_for(clp_a, officer).get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")
    assert "next=%2Fadmin%2Fpages%2F" in response["Location"]
    give_mfa(officer)
    assert client_for(clp_a, officer).get("/admin/").status_code == 200


def test_central_staff_must_set_up_two_factor_authentication_too(db):
    staff = UserFactory(email="new.staff@example.org", is_central_staff=True)
    response = hub(staff).get("/admin/")
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")


def test_members_need_no_second_factor_for_membersnet(member_user):
    assert hub(member_user).get("/membersnet/").status_code == 200


def test_signing_in_with_two_factor_asks_for_the_code(clp_a, officer_a):
    client = client_for(clp_a)
    response = client.post(
        "/accounts/login/?next=/admin/",
        {"login": officer_a.email, "password": "correct horse battery staple"},
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
