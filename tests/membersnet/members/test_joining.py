"""Joining Membersnet: signing up with a membership number and the email on the member
record, or by following an invitation."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing

from accounts.models import User
from membersnet.members import joining
from membersnet.members.importing import import_members
from membersnet.members.models import Member
from tests.factories import (
    MemberFactory,
)

from .shared import PASSWORD, _invitation_link, hub


@pytest.fixture
def record(clp_a):
    return MemberFactory(
        membership_number="L7654321", name="Jo Joiner", email="jo@example.org", constituency=clp_a
    )


def _sign_up(number, email, password=PASSWORD, **extra):
    return hub().post(
        "/accounts/signup/",
        {
            "membership_number": number,
            "email": email,
            "password1": password,
            "password2": password,
            **extra,
        },
    )


def _confirmation_link(email) -> str:
    message = next(m for m in mail.outbox if m.to == [email] and "onfirm" in m.subject)
    return re.search(r"http://localhost(/accounts/confirm-email/\S+/)", message.body).group(1)


def test_a_member_signs_up_with_their_membership_number_and_email(
    record, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up("l7654321", "JO@example.org")
    assert response.status_code == 302
    user = User.objects.get(email="jo@example.org")
    record.refresh_from_db()
    assert record.user is None  # not until the address is shown to be theirs
    assert not any(m.subject.startswith("Welcome to Membersnet") for m in mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        hub().post(_confirmation_link("jo@example.org"))
    record.refresh_from_db()
    assert record.user == user
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Jo", "Joiner")
    welcome = next(m for m in mail.outbox if m.subject.startswith("Welcome to Membersnet"))
    assert "Three things to do first" in welcome.body
    assert "http://localhost/membersnet/training/" in welcome.body
    assert "Testford North Labour" in welcome.body


def test_signing_in_needs_the_email_address_confirmed_first(record):
    _sign_up("L7654321", "jo@example.org")
    response = hub().post("/accounts/login/", {"login": "jo@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert not EmailAddress.objects.get(email="jo@example.org").verified


@pytest.mark.parametrize(
    ("number", "email"),
    [
        ("L7654321", "someone.else@example.org"),
        ("L0000001", "jo@example.org"),
        ("", "jo@example.org"),
    ],
)
def test_nobody_else_can_sign_up(record, number, email):
    response = _sign_up(number, email)
    page = response.content.decode()
    assert response.status_code == 200
    assert not User.objects.filter(email=email).exists()
    if number:
        assert "We can&#x27;t match that membership number and email address" in page
    assert f'value="{email}"' in page  # what was typed is kept


def test_a_lapsed_member_cannot_sign_up(record):
    Member.objects.filter(pk=record.pk).update(status=Member.Status.LAPSED)
    _sign_up("L7654321", "jo@example.org")
    assert not User.objects.filter(email="jo@example.org").exists()


def test_an_account_confirmed_after_the_record_changed_address_gets_no_membership(
    record, django_capture_on_commit_callbacks
):
    _sign_up("L7654321", "jo@example.org")
    link = _confirmation_link("jo@example.org")
    import_members(
        "membership_number,name,email,gss_code\nL7654321,Jo Joiner,jo.new@example.org,E14999901\n",
        invite=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        hub().post(link)
    assert EmailAddress.objects.get(email="jo@example.org").verified
    record.refresh_from_db()
    assert record.user is None
    assert not any(m.subject.startswith("Welcome to Membersnet") for m in mail.outbox)


def test_confirming_an_address_links_nothing_for_someone_else_s_record(record, non_member_user):
    address = EmailAddress.objects.create(
        user=non_member_user, email="other@example.org", verified=True
    )
    assert joining.link_confirmed_email(non_member_user, address.email) is None
    assert joining.attach_account(record, non_member_user) is None  # jo@ is not theirs
    record.refresh_from_db()
    assert record.user is None


@pytest.mark.parametrize("confirmed", [False, True])
def test_a_membership_with_an_account_cannot_sign_up_again(record, confirmed):
    _sign_up("L7654321", "jo@example.org")
    if confirmed:
        hub().post(_confirmation_link("jo@example.org"))
    response = _sign_up("L7654321", "jo@example.org", password="another-long-password")
    assert User.objects.filter(email="jo@example.org").count() == 1
    assert response.status_code == 200
    assert "There is already an account for this membership" in response.content.decode()


def test_password_reset_does_not_reveal_who_has_an_account(member_user):
    known = hub().post("/accounts/password/reset/", {"email": member_user.email})
    unknown = hub().post("/accounts/password/reset/", {"email": "stranger@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox if "password" in m.subject.lower()] == [[member_user.email]]


def test_an_imported_member_is_invited_and_chooses_a_password(
    clp_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_members(
            "membership_number,name,email,gss_code\n"
            "L5550001,Ana Invitee,ana@example.org,E14999901\n"
        )
    invitation = next(m for m in mail.outbox if m.subject == "Your invitation to Membersnet")
    assert invitation.to == ["ana@example.org"]
    assert Member.objects.get(membership_number="L5550001").invited_at is not None
    link = _invitation_link(invitation)

    client = hub()
    assert "Hello Ana Invitee" in client.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/membersnet/"
    user = User.objects.get(email="ana@example.org")
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/membersnet/").status_code == 200
    assert any(m.subject.startswith("Welcome to Membersnet") for m in mail.outbox)
    reused = hub().get(link)
    assert reused.status_code == 400
    assert "You already have an account" in reused.content.decode()


def test_a_weak_invitation_password_is_refused_and_no_account_made(record):
    link = f"/membersnet/join/{joining.invitation_token(record)}/"
    response = hub().post(link, {"new_password1": "jojoiner", "new_password2": "jojoiner"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not User.objects.filter(email="jo@example.org").exists()


def test_an_invitation_is_bound_to_the_email_address_it_went_to(record):
    old_link = f"/membersnet/join/{joining.invitation_token(record)}/"
    Member.objects.filter(pk=record.pk).update(email="jo.new@example.org")
    response = hub().post(old_link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 400
    assert "no longer on your membership record" in response.content.decode()
    assert not User.objects.filter(email__startswith="jo").exists()
    record.refresh_from_db()
    assert hub().get(f"/membersnet/join/{joining.invitation_token(record)}/").status_code == 200


def test_a_forged_or_expired_invitation_is_refused(record, monkeypatch):
    forged = hub().get("/membersnet/join/not-a-real-token/")
    assert forged.status_code == 400
    assert "not valid" in forged.content.decode()
    monkeypatch.setattr(joining, "INVITATION_DAYS", -1)
    expired = hub().get(f"/membersnet/join/{joining.invitation_token(record)}/")
    assert expired.status_code == 400
    assert "expired" in expired.content.decode()
    monkeypatch.setattr(joining, "INVITATION_DAYS", 30)
    without_address = signing.dumps({"m": record.membership_number}, salt=joining.INVITATION_SALT)
    outdated = hub().get(f"/membersnet/join/{without_address}/")
    assert outdated.status_code == 400
    assert "expired" in outdated.content.decode()
