"""The sign-in page, as someone who mistypes their password sees it."""

from bs4 import BeautifulSoup

from tests.helpers import client_for


def test_a_failed_sign_in_says_so_at_the_top_and_keeps_the_email_typed(hub):
    response = client_for("localhost").post(
        "/accounts/login/", {"login": "ann@example.org", "password": "wrong password"}
    )
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".error-summary[role=alert]")
    assert summary is not None
    assert "not correct" in summary.get_text()
    assert soup.select_one("#id_login")["value"] == "ann@example.org"
    assert not soup.select_one("#id_password").has_attr("value")
    for field in ("id_login", "id_password"):
        assert soup.select_one(f"label[for={field}]") is not None
    assert len(soup.find_all("a", string="Forgot your password?")) == 1
