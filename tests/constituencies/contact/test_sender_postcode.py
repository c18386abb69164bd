"""Writing to an MP from outside their constituency: told before sending, pointed to
one's own MP's site, free to send anyway. Unknown postcodes go through with a note."""

import io

import pytest

from constituencies.postcodes.importing import import_postcodes
from tests.helpers import client_for

from .shared import VALID, typed_value_kept


@pytest.fixture
def postcodes(clp_a, clp_b):
    """TF1 1AA in A, CF99 1AB in B, BS1 5TR in Bristol Central (no site in the tests),
    TF1 9ZZ once in A, CF99 9ZZ once in B (both terminated)."""
    rows = [
        ("TF1 1AA", clp_a.gss_code, ""),
        ("CF99 1AB", clp_b.gss_code, ""),
        ("BS1 5TR", "E14001131", ""),
        ("TF1 9ZZ", clp_a.gss_code, "201906"),
        ("CF99 9ZZ", clp_b.gss_code, "201906"),
    ]
    text = "pcds,pcon,doterm\n" + "".join(f"{p},{c},{t}\n" for p, c, t in rows)
    import_postcodes(io.StringIO(text))


def test_a_constituent_writes_without_any_notice(site_a, clp_a, mp_a, postcodes, post, stored_in):
    response = post(site_a, {**VALID, "postcode": "tf1 1aa"})
    page = response.content.decode()
    assert "Check your email" in page
    assert "is not in" not in page
    assert "list of postcodes" not in page
    [stored] = stored_in(clp_a)
    assert stored.postcode == "TF1 1AA"


def test_someone_from_another_constituency_is_told_before_anything_is_sent(
    site_a, clp_a, mp_a, postcodes, post, stored_in, mailoutbox
):
    data = {**VALID, "postcode": "cf99 1ab"}
    response = post(site_a, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h2>CF99 1AB is not in Testford North</h2>" in page
    assert "Your postcode is in Testford South." in page
    assert "Ada Lovelace answers the people who live in Testford North" in page
    assert '<a href="http://testford-south.localhost/">Go to Testford South Labour' in page
    assert 'name="send_anyway"' in page
    for name, value in data.items():
        if name != "website":
            assert typed_value_kept(page, name, value), f"{name} was not kept"
    assert stored_in(clp_a) == []
    assert mailoutbox == []


def test_they_may_send_it_anyway(site_a, clp_a, mp_a, postcodes, post, stored_in, mailoutbox):
    data = {**VALID, "postcode": "CF99 1AB"}
    post(site_a, data)
    response = post(site_a, {**data, "send_anyway": "on"})
    assert "Check your email" in response.content.decode()
    [stored] = stored_in(clp_a)
    assert stored.postcode == "CF99 1AB"
    assert [email.to for email in mailoutbox] == [["sam@example.org"]]


def test_sending_again_without_ticking_the_box_asks_again(
    site_a, clp_a, mp_a, postcodes, post, stored_in
):
    data = {**VALID, "postcode": "CF99 1AB"}
    post(site_a, data)
    page = post(site_a, data).content.decode()
    assert "is not in Testford North" in page
    assert stored_in(clp_a) == []


def test_correcting_the_postcode_sends_at_once(site_a, clp_a, mp_a, postcodes, post, stored_in):
    post(site_a, {**VALID, "postcode": "CF99 1AB"})
    response = post(site_a, {**VALID, "postcode": "TF1 1AA"})
    assert "Check your email" in response.content.decode()
    assert len(stored_in(clp_a)) == 1


def test_the_notice_works_the_other_way_round_on_the_other_site(
    clp_b, mp_b, postcodes, post, stored_in
):
    page = post(client_for(clp_b), {**VALID, "postcode": "TF1 1AA"}).content.decode()
    assert "<h2>TF1 1AA is not in Testford South</h2>" in page
    assert "Bryn Jones answers the people who live in Testford South" in page
    assert '<a href="http://testford-north.localhost/">Go to Testford North Labour' in page
    assert stored_in(clp_b) == []


def test_a_constituency_without_a_site_is_named_without_a_link(site_a, mp_a, postcodes, post):
    page = post(site_a, {**VALID, "postcode": "BS1 5TR"}).content.decode()
    assert "Your postcode is in Bristol Central." in page
    assert "Bristol Central has no local party site on LabourHub yet." in page
    assert "Go to Bristol Central" not in page


def test_a_suspended_own_site_is_not_linked(site_a, clp_b, mp_a, postcodes, post):
    clp_b.suspend()
    page = post(site_a, {**VALID, "postcode": "CF99 1AB"}).content.decode()
    assert "Your postcode is in Testford South." in page
    assert "testford-south.localhost" not in page


def test_a_terminated_postcode_elsewhere_is_asked_about_too(site_a, mp_a, postcodes, post):
    page = post(site_a, {**VALID, "postcode": "CF99 9ZZ"}).content.decode()
    assert "Your postcode is in Testford South (and is no longer in use: please check it)." in page


def test_an_unknown_postcode_is_let_through_with_a_gentle_note(
    site_a, clp_a, mp_a, postcodes, post, stored_in
):
    page = post(site_a, {**VALID, "postcode": "TF8 8ZZ"}).content.decode()
    assert "Check your email" in page
    assert "We couldn't find TF8 8ZZ in our list of postcodes" in page
    assert len(stored_in(clp_a)) == 1


def test_a_terminated_postcode_here_is_let_through_with_a_note(
    site_a, clp_a, mp_a, postcodes, post, stored_in
):
    page = post(site_a, {**VALID, "postcode": "TF1 9ZZ"}).content.decode()
    assert "Our list of postcodes says TF1 9ZZ is no longer in use." in page
    assert len(stored_in(clp_a)) == 1


def test_a_bot_is_never_looked_up_nor_warned(site_a, clp_a, mp_a, postcodes, post, stored_in):
    page = post(site_a, {**VALID, "postcode": "CF99 1AB", "website": "spam"}).content.decode()
    assert "Check your email" in page
    assert "is not in" not in page
    assert stored_in(clp_a) == []


def test_the_notice_escapes_what_it_shows(site_a, mp_a, clp_b, postcodes, post, in_schema):
    clp_b.name = "Testford <b>South</b>"
    clp_b.save()
    page = post(site_a, {**VALID, "postcode": "CF99 1AB"}).content.decode()
    assert "Testford &lt;b&gt;South&lt;/b&gt;" in page
    assert "<b>South</b>" not in page
