"""Certificates: the PDF a member downloads and the page anyone checks by its code."""

import re

import pytest

from membersnet.training import progress
from tests.factories import make_member
from tests.helpers import client_for

from .shared import do_every_lesson, make_course, pdf_text, text, words


@pytest.fixture
def certificate(member_user):
    member_user.first_name, member_user.last_name = "Ada", "Lovelace"
    member_user.save()
    course = make_course(lessons=1)
    do_every_lesson(member_user, course)
    return progress._complete(member_user, course)


def test_the_certificate_shows_the_members_name_the_course_and_a_code(member, certificate):
    response = member.get(f"{certificate.course.get_absolute_url()}certificate/")
    assert response.status_code == 200
    page = text(response)
    assert "Ada Lovelace" in page
    assert "Publishing basics" in page
    assert re.fullmatch(
        r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", certificate.certificate_code
    )
    assert certificate.certificate_code in page
    assert f"http://localhost/membersnet/certificates/{certificate.certificate_code}/" in page


def test_the_certificate_downloads_as_a_pdf_with_its_code(member, certificate):
    response = member.get(f"{certificate.course.get_absolute_url()}certificate.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="certificate-publishing-basics.pdf"'
    )
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    drawn = pdf_text(pdf)
    assert f"Certificate code {certificate.certificate_code}" in drawn
    assert "Ada Lovelace" in drawn
    assert "Publishing basics" in drawn
    assert f"/membersnet/certificates/{certificate.certificate_code}/" in drawn


def test_the_certificate_keeps_the_name_it_was_issued_in(member, member_user, certificate):
    member_user.last_name = "King"
    member_user.save()
    page = text(member.get(f"{certificate.course.get_absolute_url()}certificate/"))
    assert "Ada Lovelace" in page
    assert "Ada King" not in page


def test_a_real_certificate_code_is_confirmed_as_genuine(certificate):
    response = client_for("localhost").get(
        f"/membersnet/certificates/{certificate.certificate_code}/"
    )
    assert response.status_code == 200
    page = words(response)
    assert "This certificate is genuine." in page
    assert "Ada Lovelace completed Publishing basics on" in page


def test_a_code_typed_into_the_form_is_checked(certificate):
    response = client_for("localhost").get(
        "/membersnet/certificates/", {"code": f"  {certificate.certificate_code} "}
    )
    assert response.status_code == 200
    assert "This certificate is genuine." in text(response)


def test_a_code_typed_in_lower_case_is_still_recognised(certificate):
    code = certificate.certificate_code.lower()
    for response in (
        client_for("localhost").get(f"/membersnet/certificates/{code}/"),
        client_for("localhost").get("/membersnet/certificates/", {"code": code}),
    ):
        assert response.status_code == 200
        assert "This certificate is genuine." in text(response)


def test_a_code_typed_without_its_hyphens_is_still_recognised(certificate):
    """The code is made of unambiguous characters because people type it in by hand;
    people typing a code leave out the hyphens or put spaces in their place."""
    for typed in (
        certificate.certificate_code.replace("-", ""),
        certificate.certificate_code.replace("-", " "),
    ):
        response = client_for("localhost").get("/membersnet/certificates/", {"code": typed})
        assert response.status_code == 200, typed
        assert "This certificate is genuine." in text(response)


def test_an_unknown_certificate_code_is_not_found(certificate):
    response = client_for("localhost").get("/membersnet/certificates/ABCD-EFGH-JKLM/")
    assert response.status_code == 404
    page = words(response)
    assert "No certificate has the code ABCD-EFGH-JKLM." in page
    assert "genuine" not in page
    assert "Ada Lovelace" not in page


def test_a_typed_code_is_shown_back_as_text_not_markup(db):
    response = client_for("localhost").get(
        "/membersnet/certificates/", {"code": "<b>x</b><script>"}
    )
    assert response.status_code == 404
    assert b"<B>X</B>" not in response.content
    assert b"<SCRIPT>" not in response.content
    assert "No certificate has the code BXBSCRIPT." in words(response)


def test_a_member_cannot_see_another_members_certificate(certificate, clp_a):
    other = make_member(clp_a, email="other@example.org")
    client = client_for("localhost", other)
    base = certificate.course.get_absolute_url()
    for url in (f"{base}certificate/", f"{base}certificate.pdf"):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Ada Lovelace" not in response.content
