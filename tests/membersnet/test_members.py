"""Membersnet accounts: members-only access, joining by membership number or invitation,
importing member records, the dashboard, the weekly digest and two-factor sign-in."""

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from membersnet.members import digest, joining
from membersnet.members.importing import ImportFileError, import_members
from membersnet.members.models import Member
from membersnet.training.models import Course
from tests.factories import MemberFactory, UserFactory, give_mfa, make_member, totp_code
from tests.helpers import client_for

PASSWORD = "a-long-and-memorable-password"


def hub(user=None):
    return client_for("localhost", user)


# --- members only -------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_sign_in(db):
    response = hub().get("/membersnet/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/membersnet/"


@pytest.mark.parametrize("fixture", ["non_member_user", "lapsed_member"])
def test_people_who_are_not_current_members_are_refused(request, fixture):
    user = request.getfixturevalue(fixture)
    response = hub(user).get("/membersnet/")
    assert response.status_code == 403
    assert "Membersnet is for party members" in response.content.decode()


def test_a_member_whose_membership_lapses_loses_membersnet_at_once(member_user):
    assert hub(member_user).get("/membersnet/").status_code == 200
    Member.objects.filter(user=member_user).update(status=Member.Status.LAPSED)
    assert hub(member_user).get("/membersnet/").status_code == 403


def test_central_staff_may_look_around(staff_user):
    response = hub(staff_user).get("/membersnet/")
    assert response.status_code == 200
    assert "signed in as central staff" in response.content.decode()


# --- the dashboard -------------------------------------------------------------------


def test_the_dashboard_shows_the_members_party_and_its_site(member_user):
    page = hub(member_user).get("/membersnet/").content.decode()
    assert "Welcome, " in page
    assert 'href="http://testford-north.localhost/">Testford North Labour</a>' in page


def test_the_dashboard_shows_what_is_new_since_the_last_visit(member_user):
    old = Course.objects.create(title="Old course", slug="old", summary="Old.", is_published=True)
    Course.objects.filter(pk=old.pk).update(published_at=timezone.now() - dt.timedelta(days=3))
    Member.objects.filter(user=member_user).update(
        last_seen_at=timezone.now() - dt.timedelta(days=1)
    )
    Course.objects.create(title="Brand new course", slug="new", summary="New.", is_published=True)
    page = hub(member_user).get("/membersnet/").content.decode()
    assert "New since your last visit" in page
    assert "Brand new course" in page.split("Your training")[0]
    assert "Old course" not in page.split("Your training")[0]
    second_visit = hub(member_user).get("/membersnet/").content.decode()
    assert "Brand new course" not in second_visit.split("Your training")[0]


def test_the_dashboard_shows_courses_in_progress_and_completed(member_user):
    from membersnet.training.models import Lesson
    from membersnet.training.progress import complete_lesson

    started = Course.objects.create(title="Half done", slug="half", summary="…", is_published=True)
    first = Lesson.objects.create(course=started, position=1, title="One", text="<p>1</p>")
    Lesson.objects.create(course=started, position=2, title="Two", text="<p>2</p>")
    finished = Course.objects.create(title="All done", slug="done", summary="…", is_published=True)
    only = Lesson.objects.create(course=finished, position=1, title="Only", text="<p>x</p>")
    complete_lesson(member_user, first)
    complete_lesson(member_user, only)
    page = hub(member_user).get("/membersnet/").content.decode()
    in_progress = page.split("In progress")[1].split("Completed")[0]
    assert "Half done" in in_progress
    assert "1 of 2 lessons done" in in_progress
    assert "All done" in page.split("Completed")[1]


# --- joining by membership number ---------------------------------------------------


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


def test_a_member_signs_up_with_their_membership_number_and_email(
    record, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up("l7654321", "JO@example.org")
    assert response.status_code == 302
    user = User.objects.get(email="jo@example.org")
    record.refresh_from_db()
    assert record.user == user
    assert (user.first_name, user.last_name) == ("Jo", "Joiner")
    subjects = [message.subject for message in mail.outbox]
    assert any("Confirm" in subject or "confirm" in subject for subject in subjects)
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


def test_a_membership_with_an_account_cannot_sign_up_again(record):
    _sign_up("L7654321", "jo@example.org")
    response = _sign_up("L7654321", "jo@example.org", password="another-long-password")
    assert User.objects.filter(email="jo@example.org").count() == 1
    assert response.status_code == 200


def test_password_reset_does_not_reveal_who_has_an_account(member_user):
    known = hub().post("/accounts/password/reset/", {"email": member_user.email})
    unknown = hub().post("/accounts/password/reset/", {"email": "stranger@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox if "reset" in m.subject.lower() or "Password" in m.subject][
        0
    ] == [member_user.email]


# --- invitations ---------------------------------------------------------------------


def _invitation_link(message) -> str:
    return re.search(r"http://localhost(/membersnet/join/\S+/)", message.body).group(1)


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


def test_a_forged_or_expired_invitation_is_refused(record, monkeypatch):
    forged = hub().get("/membersnet/join/not-a-real-token/")
    assert forged.status_code == 400
    assert "not valid" in forged.content.decode()
    monkeypatch.setattr(joining, "INVITATION_DAYS", -1)
    expired = hub().get(f"/membersnet/join/{joining.invitation_token(record)}/")
    assert expired.status_code == 400
    assert "expired" in expired.content.decode()


# --- importing member records --------------------------------------------------------

CSV = """membership_number,name,email,gss_code
L1000001,Good One,one@example.org,E14999901
L1000002,Good Two,two@example.org,W07999902
BAD,Bad Number,bad@example.org,E14999901
L1000004,No Email,not-an-email,E14999901
L1000005,Nowhere,five@example.org,E00000000
L1000001,Twice,twice@example.org,E14999901
"""


def test_an_import_keeps_good_rows_and_reports_each_bad_one(clp_a, clp_b):
    report = import_members(CSV)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    problems = {error.line: error.message for error in report.errors}
    assert set(problems) == {4, 5, 6, 7}
    assert "is not a membership number" in problems[4]
    assert "is not an email address" in problems[5]
    assert "No constituency has the GSS code" in problems[6]
    assert "appears twice in the file" in problems[7]
    assert Member.objects.get(membership_number="L1000002").constituency == clp_b


def test_importing_the_same_file_again_changes_nothing_and_invites_nobody_twice(
    clp_a, clp_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = import_members(CSV)
    invitations = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        second = import_members(CSV)
    assert first.invited == invitations == 2
    assert (second.created, second.updated, second.unchanged, second.invited) == (0, 0, 2, 0)
    assert len(mail.outbox) == invitations
    assert Member.objects.count() >= 2


def test_an_import_updates_changed_records_and_can_lapse_a_membership(member_user):
    number = member_user.member.membership_number
    report = import_members(
        "membership_number,name,email,gss_code,status\n"
        f"{number},New Name,{member_user.email},E14999901,lapsed\n"
    )
    assert report.updated == 1
    member_user.member.refresh_from_db()
    assert member_user.member.name == "New Name"
    assert hub(member_user).get("/membersnet/").status_code == 403


def test_an_import_refuses_an_email_already_on_another_membership(member_user):
    report = import_members(
        f"membership_number,name,email,gss_code\nL4440001,Copycat,{member_user.email},E14999901\n"
    )
    assert report.created == 0
    assert "already on membership" in report.errors[0].message


def test_a_file_without_the_columns_is_refused_as_a_whole(db):
    with pytest.raises(ImportFileError, match="no gss_code column"):
        import_members("membership_number,name,email\nL1,Name,x@example.org\n")


def test_staff_import_members_from_the_hub_admin(staff_user, clp_a, clp_b):
    upload = SimpleUploadedFile("members.csv", CSV.encode(), content_type="text/csv")
    response = hub(staff_user).post(
        "/admin/member-import/", {"file": upload, "send_invitations": "on"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 new, 0 updated, 0 unchanged; 2 invitations sent; 4 rows with problems." in page
    assert "No constituency has the GSS code" in page


def test_the_import_screen_refuses_a_file_that_is_not_csv(staff_user):
    upload = SimpleUploadedFile(
        "members.xlsx", b"PK\x03\x04", content_type="application/vnd.ms-excel"
    )
    response = hub(staff_user).post("/admin/member-import/", {"file": upload})
    assert "Upload a .csv file." in response.content.decode()
    assert not Member.objects.exists()


@pytest.mark.parametrize("fixture", ["member_user", "officer_a"])
def test_only_central_staff_can_import_members(request, fixture, clp_a):
    user = request.getfixturevalue(fixture)
    upload = SimpleUploadedFile("members.csv", CSV.encode(), content_type="text/csv")
    response = hub(user).post("/admin/member-import/", {"file": upload})
    assert response.status_code == 403
    assert not Member.objects.filter(membership_number="L1000001").exists()


def test_the_import_command_reports_bad_rows(tmp_path, clp_a, clp_b, capsys):
    path = tmp_path / "members.csv"
    path.write_text(CSV)
    call_command("import_members", str(path), "--no-invitations")
    captured = capsys.readouterr()
    assert "2 new, 0 updated, 0 unchanged, 0 invited, 4 rows with problems." in captured.out
    assert "Line 4 (BAD)" in captured.err


# --- the weekly digest ---------------------------------------------------------------


@pytest.fixture
def something_new(db):
    return Course.objects.create(title="A new course", slug="a-new", summary="…", is_published=True)


def test_members_get_a_weekly_digest_of_what_is_new(member_user, something_new):
    digest.send_weekly_digests.delay()
    (message,) = mail.outbox
    assert message.to == [member_user.email]
    assert "Course: A new course" in message.body
    assert "http://localhost/membersnet/training/a-new/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/membersnet/account/digest/stop/" in message.extra_headers["List-Unsubscribe"]
    digest.send_weekly_digests.delay()
    assert len(mail.outbox) == 1  # not twice in a week


def test_members_who_switched_the_digest_off_get_none(member_user, something_new):
    response = hub(member_user).post("/membersnet/account/", {})  # the box left unticked
    assert response.status_code == 302
    member_user.member.refresh_from_db()
    assert member_user.member.digest_opt_in is False
    digest.send_weekly_digests.delay()
    assert mail.outbox == []


def test_lapsed_members_get_no_digest(lapsed_member, something_new):
    digest.send_weekly_digests.delay()
    assert mail.outbox == []


def test_nothing_new_means_no_email(member_user):
    Course.objects.all().delete()
    digest.send_weekly_digests.delay()
    assert mail.outbox == []
    member_user.member.refresh_from_db()
    assert member_user.member.last_digest_at is not None


def test_the_link_in_the_digest_stops_it_without_signing_in(member_user):
    path = f"/membersnet/account/digest/stop/{digest.unsubscribe_token(member_user.member)}/"
    assert "Stop the weekly digest" in hub().get(path).content.decode()
    response = hub().post(path)  # also what a mail client's one-click unsubscribe sends
    assert "we won't send you the weekly digest" in response.content.decode()
    member_user.member.refresh_from_db()
    assert member_user.member.digest_opt_in is False
    assert hub().get("/membersnet/account/digest/stop/forged/").status_code == 400


# --- two-factor authentication --------------------------------------------------------


def test_officers_must_set_up_two_factor_authentication_before_using_the_admin(clp_a):
    from tests.factories import make_officer

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


def test_members_factory_makes_an_active_member(clp_a):
    user = make_member(clp_a, email="fresh@example.org")
    assert user.member.is_active
    assert user.member.constituency == clp_a
