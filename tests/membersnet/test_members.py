"""Membersnet accounts: members-only access, joining by membership number or invitation,
importing member records, the dashboard, the weekly digest and two-factor sign-in."""

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from celery.exceptions import Retry
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from membersnet.members import digest, importing, joining
from membersnet.members import tasks as members_tasks
from membersnet.members.importing import ImportFileError, import_members
from membersnet.members.models import Member, MemberImport
from membersnet.training.models import Course, Lesson
from membersnet.training.progress import complete_lesson
from tests.factories import (
    MemberFactory,
    UserFactory,
    give_mfa,
    make_member,
    make_officer,
    totp_code,
)
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


def test_the_import_command_reports_bad_rows(tmp_path, clp_a, clp_b, capsys):
    path = tmp_path / "members.csv"
    path.write_text(CSV)
    call_command("import_members", str(path), "--no-invitations")
    captured = capsys.readouterr()
    assert "2 new, 0 updated, 0 unchanged, 0 invited, 4 rows with problems." in captured.out
    assert "Line 4 (BAD)" in captured.err


def test_importing_twice_before_the_invitations_go_invites_each_member_once(
    clp_a, clp_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        first = import_members(CSV)
        second = import_members(CSV)  # the invitations are still waiting to be sent
    assert (first.invited, second.invited) == (2, 0)
    for send in queued:
        send()
    invitations = [m.to for m in mail.outbox if m.subject == "Your invitation to Membersnet"]
    assert sorted(invitations) == [["one@example.org"], ["two@example.org"]]


def test_a_new_email_address_is_invited_again_and_the_old_invitation_refused(
    clp_a, django_capture_on_commit_callbacks
):
    row = "membership_number,name,email,gss_code\nL5550002,Ed Changer,{},E14999901\n"
    with django_capture_on_commit_callbacks(execute=True):
        import_members(row.format("ed.old@example.org"))
    old_link = _invitation_link(mail.outbox[-1])
    with django_capture_on_commit_callbacks(execute=True):
        report = import_members(row.format("ed.new@example.org"), invite=False)
    assert (report.updated, report.invited) == (1, 0)
    assert Member.objects.get(membership_number="L5550002").invited_at is None
    refused = hub().get(old_link)
    assert refused.status_code == 400
    assert "no longer on your membership record" in refused.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        report = import_members(row.format("ed.new@example.org"))
    assert report.invited == 1
    assert mail.outbox[-1].to == ["ed.new@example.org"]
    assert hub().get(_invitation_link(mail.outbox[-1])).status_code == 200


def test_staff_correcting_an_invited_members_email_sends_a_new_invitation(
    clp_a, staff_user, django_capture_on_commit_callbacks
):
    row = "membership_number,name,email,gss_code\nL5550003,Fi Typo,fi@exmaple.org,E14999901\n"
    with django_capture_on_commit_callbacks(execute=True):
        import_members(row)
    old_link = _invitation_link(mail.outbox[-1])
    member = Member.objects.get(membership_number="L5550003")
    staff = client_for("localhost", staff_user)
    form = {
        "name": member.name,
        "email": "fi@example.org",
        "constituency": clp_a.pk,
        "status": "active",
        "digest_opt_in": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"/admin/member-records/edit/{member.pk}/", form, follow=True)
    assert "A new invitation is on its way to fi@example.org." in response.content.decode()
    assert mail.outbox[-1].to == ["fi@example.org"]
    assert hub().get(_invitation_link(mail.outbox[-1])).status_code == 200
    assert hub().get(old_link).status_code == 400

    # Changing only the name invites nobody again.
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/admin/member-records/edit/{member.pk}/", {**form, "name": "Fi Fixed"})
    assert len(mail.outbox) == sent


GOOD_ROWS = (
    "membership_number,name,email,gss_code\n"
    "L2000001,Before One,b1@example.org,E14999901\n"
    "L2000002,Before Two,b2@example.org,E14999901\n"
)
AFTER = "L2000005,After Damage,after@example.org,E14999901\n"


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        ("L2000003,Nul\x00Name,nul@example.org,E14999901\n", "NUL character"),
        ('L2000003,"Quoted"Name,q@example.org,E14999901\n', "can't be read as CSV"),
        ('L2000003,"Open Name,open@example.org,E14999901\n', "can't be read as CSV"),
        (
            'L2000003,"Open Name,open@example.org,E14999901\nL2000004,Swallowed",x@example.org,'
            "E14999901\n",
            "quotation mark is not closed",
        ),
        ("L2000003," + "x" * 200_000 + ",long@example.org,E14999901\n", "can't be read as CSV"),
    ],
)
def test_a_file_damaged_part_way_is_imported_up_to_the_damage(clp_a, damage, why):
    report = import_members((GOOD_ROWS + damage + AFTER).encode())
    assert report.created == 2
    (error,) = report.errors
    assert error.line == 4
    assert why in error.message
    assert "The file is damaged from this line" in error.message
    assert set(Member.objects.values_list("membership_number", flat=True)) >= {
        "L2000001",
        "L2000002",
    }
    assert not Member.objects.filter(membership_number__in=["L2000003", "L2000005"]).exists()


def test_a_file_saved_by_excel_in_windows_1252_is_read(clp_a):
    text = "membership_number,name,email,gss_code\nL2100001,Zoë Café,zoe@example.org,E14999901\n"
    report = import_members(text.encode("cp1252"))
    assert report.created == 1
    assert Member.objects.get(membership_number="L2100001").name == "Zoë Café"


def test_a_value_far_too_long_for_the_record_is_reported_on_its_row(clp_a):
    report = import_members(
        "membership_number,name,email,gss_code\n"
        f"L2200001,{'N' * 200},long@example.org,E14999901\n"
        "L2200002,Fine Name,fine@example.org,E14999901\n"
    )
    assert report.created == 1
    assert report.errors[0].line == 2


# --- importing from the hub's admin, in the background --------------------------------

IMPORTS = "/admin/member-import/"


def _upload(client, content=CSV, name="members.csv", **fields):
    data = content.encode() if isinstance(content, str) else content
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(IMPORTS, {"file": upload, **fields})


def _stored_files(tmp_path):
    private = tmp_path / "private-media"
    return [path for path in private.rglob("*") if path.is_file()] if private.exists() else []


def test_staff_upload_a_member_list_and_follow_its_import(
    staff_user, clp_a, clp_b, tmp_path, django_capture_on_commit_callbacks
):
    staff = hub(staff_user)
    with django_capture_on_commit_callbacks() as queued:
        response = _upload(staff, send_invitations="on")
    member_import = MemberImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{IMPORTS}{member_import.pk}/"
    assert member_import.file_name == "members.csv"
    assert member_import.started_by == staff_user
    assert member_import.status == MemberImport.Status.QUEUED
    assert len(_stored_files(tmp_path)) == 1  # kept for the worker, in private storage
    assert not Member.objects.exists()
    waiting = staff.get(response["Location"]).content.decode()
    assert "Waiting to start." in waiting

    with django_capture_on_commit_callbacks(execute=True):
        for send in queued:
            send()  # the transaction commits: the import runs (in-process here)
    member_import.refresh_from_db()
    assert member_import.status == MemberImport.Status.FINISHED
    assert not member_import.file
    assert _stored_files(tmp_path) == []
    assert Member.objects.filter(membership_number__in=["L1000001", "L1000002"]).count() == 2
    assert len([m for m in mail.outbox if m.subject == "Your invitation to Membersnet"]) == 2

    page = staff.get(response["Location"]).content.decode()
    assert "Import finished" in page
    assert "2 new, 0 updated, 0 unchanged; 2 invitations sent; 4 rows with problems." in page
    assert "<td>6</td><td>L1000005</td><td>No constituency has the GSS code" in page
    assert "appears twice in the file" in page
    assert "The uploaded file has been deleted" in page


def test_an_upload_without_invitations_emails_nobody(
    staff_user, clp_a, clp_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(hub(staff_user))  # the box left unticked
    member_import = MemberImport.objects.get()
    assert (member_import.status, member_import.created, member_import.invited) == (
        MemberImport.Status.FINISHED,
        2,
        0,
    )
    assert mail.outbox == []
    assert "Nobody is emailed." in hub(staff_user).get(response["Location"]).content.decode()


def test_the_status_page_reports_damage_part_way_through_an_upload(
    staff_user, clp_a, django_capture_on_commit_callbacks
):
    damaged = GOOD_ROWS + "L2000003,Nul\x00Name,nul@example.org,E14999901\n" + AFTER
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(hub(staff_user), damaged)
    page = hub(staff_user).get(response["Location"]).content.decode()
    assert "2 new, 0 updated, 0 unchanged" in page
    assert "<td>4</td><td></td><td>The file is damaged from this line" in page
    assert not Member.objects.filter(membership_number="L2000005").exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            "membership_number,name,email\nL1000001,Name,x@example.org\n",
            "members.csv",
            "The file has no gss_code column.",
        ),
        (b"\x81\x8d\x8f\x90\x9d not text at all", "members.csv", "The file is not text."),
        (CSV.encode("utf-16"), "members.csv", "The file is not text."),
        ('"membership_number,name\nL1,N\n', "members.csv", "first line can&#x27;t be read"),
        (b"PK\x03\x04", "members.xlsx", "Upload a .csv file."),
        (b"", "members.csv", "The submitted file is empty."),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_on_the_form(
    staff_user, clp_a, tmp_path, content, name, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = _upload(hub(staff_user), content, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MemberImport.objects.exists()
    assert _stored_files(tmp_path) == []
    assert queued == []
    assert not Member.objects.exists()


@pytest.fixture
def an_import(staff_user):
    return MemberImport.objects.create(
        file_name="members.csv", send_invitations=True, started_by=staff_user
    )


@pytest.mark.parametrize("screen", ["upload", "status"])
@pytest.mark.parametrize(
    ("who", "host", "expected"),
    [
        (None, "localhost", 302),
        ("member_user", "localhost", 403),
        ("officer_a", "localhost", 403),
        ("staff_user", "localhost", 200),
        ("officer_a", "testford-north.localhost", 404),
        ("staff_user", "testford-north.localhost", 404),
    ],
)
def test_only_central_staff_on_the_hub_can_import_members_or_see_imports(
    request, an_import, clp_a, screen, who, host, expected
):
    user = request.getfixturevalue(who) if who else None
    client = client_for(host, user)
    path = IMPORTS if screen == "upload" else f"{IMPORTS}{an_import.pk}/"
    response = client.get(path)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/accounts/login/")
    if screen == "upload" and expected != 200:
        posted = _upload(client)
        assert posted.status_code == expected
        assert MemberImport.objects.count() == 1
        assert not Member.objects.filter(membership_number="L1000001").exists()


def test_the_status_page_shows_progress_while_an_import_runs(staff_user, an_import):
    so_far = importing.ImportReport(created=2, updated=1)
    so_far.add_error(4, "BAD", "“BAD” is not a membership number.")
    an_import.record_progress(so_far)
    MemberImport.objects.filter(pk=an_import.pk).update(status=MemberImport.Status.RUNNING)
    page = hub(staff_user).get(f"{IMPORTS}{an_import.pk}/").content.decode()
    assert "Importing: 4 rows read so far." in page
    assert "The uploaded file has been deleted" not in page


def test_the_status_page_of_an_import_that_does_not_exist_is_not_found(staff_user):
    assert hub(staff_user).get(f"{IMPORTS}999999/").status_code == 404


def test_the_upload_page_lists_recent_imports_newest_first(staff_user, clp_a):
    former = UserFactory(email="former.staff@example.org", is_central_staff=True)
    old = MemberImport.objects.create(
        file_name="january.csv", send_invitations=True, started_by=former
    )
    MemberImport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=30), status=MemberImport.Status.FAILED
    )
    former.delete()
    new = MemberImport.objects.create(
        file_name="february.csv", send_invitations=False, started_by=staff_user
    )
    page = hub(staff_user).get(IMPORTS).content.decode()
    recent = page.split("Recent imports")[1]
    assert recent.index("february.csv") < recent.index("january.csv")
    assert f'href="{IMPORTS}{new.pk}/"' in recent
    assert "a former user" in recent
    assert "Failed" in recent
    assert "Queued" in recent


def test_the_upload_page_with_no_imports_says_so(staff_user):
    page = hub(staff_user).get(IMPORTS).content.decode()
    assert "No imports yet." in page
    # The header's last breadcrumb, the one shown, names the page, not the admin's home.
    breadcrumbs = page.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    shown = breadcrumbs.split("<li")[-1]
    assert "Import members" in shown


def test_the_upload_page_takes_the_same_queries_however_many_imports(
    staff_user, django_assert_max_num_queries
):
    def add_imports(count, start):
        for index in range(start, start + count):
            MemberImport.objects.create(
                file_name=f"list-{index}.csv",
                send_invitations=True,
                started_by=UserFactory(email=f"importer{index}@example.org"),
            )

    staff = hub(staff_user)
    add_imports(1, start=0)
    staff.get(IMPORTS)  # warm the per-process caches
    with django_assert_max_num_queries(25) as few:
        staff.get(IMPORTS)
    add_imports(24, start=1)
    with django_assert_max_num_queries(25) as many:
        page = staff.get(IMPORTS).content.decode()
    assert len(re.findall(rf'href="{IMPORTS}\d+/"', page)) == 20
    assert "list-24.csv" in page
    assert "list-4.csv" not in page
    assert len(many) == len(few)


def _kept(upload_text, staff_user):
    """An import stored by the upload screen whose message never left (the broker
    was down): the transaction's on-commit send is simply not run."""
    upload = SimpleUploadedFile("kept.csv", upload_text.encode(), content_type="text/csv")
    return importing.start_import(upload, invite=False, started_by=staff_user)


def test_the_sweep_requeues_only_imports_left_waiting(staff_user, clp_a, tmp_path):
    rows = "membership_number,name,email,gss_code\nL2300001,Swept Up,swept@example.org,E14999901\n"
    waiting = _kept(rows, staff_user)
    recent = _kept(rows.replace("L2300001", "L2300002").replace("swept@", "recent@"), staff_user)
    running = MemberImport.objects.create(
        file_name="r.csv", send_invitations=False, status=MemberImport.Status.RUNNING
    )
    finished = MemberImport.objects.create(
        file_name="f.csv", send_invitations=False, status=MemberImport.Status.FINISHED
    )
    long_ago = timezone.now() - dt.timedelta(minutes=importing.REQUEUE_AFTER_MINUTES + 1)
    MemberImport.objects.exclude(pk=recent.pk).update(created_at=long_ago)

    assert members_tasks.queue_waiting_imports.delay().get() == 1
    statuses = dict(MemberImport.objects.values_list("pk", "status"))
    assert statuses == {
        waiting.pk: MemberImport.Status.FINISHED,
        recent.pk: MemberImport.Status.QUEUED,
        running.pk: MemberImport.Status.RUNNING,
        finished.pk: MemberImport.Status.FINISHED,
    }
    assert Member.objects.filter(membership_number="L2300001").exists()
    assert not Member.objects.filter(membership_number="L2300002").exists()
    assert len(_stored_files(tmp_path)) == 1  # the recent one's, still waiting


def test_a_finished_import_is_not_run_again(staff_user, clp_a):
    rows = "membership_number,name,email,gss_code\nL2400001,Run Once,once@example.org,E14999901\n"
    member_import = _kept(rows, staff_user)
    assert members_tasks.run_member_import.delay(member_import.pk).get() == "finished"
    member_import.refresh_from_db()
    Member.objects.filter(membership_number="L2400001").update(name="Changed Since")

    assert members_tasks.run_member_import.delay(member_import.pk).get() == "nothing to do"
    again = MemberImport.objects.get(pk=member_import.pk)
    assert (again.status, again.finished_at, again.created) == (
        MemberImport.Status.FINISHED,
        member_import.finished_at,
        1,
    )
    assert Member.objects.get(membership_number="L2400001").name == "Changed Since"


def test_an_import_running_under_another_message_is_left_alone(staff_user, clp_a):
    rows = "membership_number,name,email,gss_code\nL2500001,Not Twice,twice@example.org,E14999901\n"
    member_import = _kept(rows, staff_user)
    MemberImport.objects.filter(pk=member_import.pk).update(
        status=MemberImport.Status.RUNNING, task_id="another-message"
    )
    assert members_tasks.run_member_import.delay(member_import.pk).get() == "nothing to do"
    assert not Member.objects.filter(membership_number="L2500001").exists()


def test_an_import_that_breaks_is_marked_failed_and_its_file_deleted(
    staff_user, clp_a, tmp_path, monkeypatch, run_task
):
    rows = "membership_number,name,email,gss_code\nL2600001,Broken,broken@example.org,E14999901\n"
    member_import = _kept(rows, staff_user)

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(importing, "_upsert", broken)
    with pytest.raises(RuntimeError):
        members_tasks.run_member_import.delay(member_import.pk)
    member_import.refresh_from_db()
    assert member_import.status == MemberImport.Status.FAILED
    assert "unexpected error" in member_import.failure
    assert _stored_files(tmp_path) == []
    page = hub(staff_user).get(f"{IMPORTS}{member_import.pk}/").content.decode()
    assert "The import failed." in page


# --- the weekly digest ---------------------------------------------------------------


@pytest.fixture
def run_task(django_capture_on_commit_callbacks):
    """Run a task as a worker would: the emails it queues leave the outbox on commit."""

    def run(task, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return task.delay(*args).get()

    return run


@pytest.fixture
def something_new(db):
    return Course.objects.create(title="A new course", slug="a-new", summary="…", is_published=True)


def test_members_get_a_weekly_digest_of_what_is_new(member_user, something_new, run_task):
    run_task(members_tasks.send_weekly_digests)
    (message,) = mail.outbox
    assert message.to == [member_user.email]
    assert "Course: A new course" in message.body
    assert "http://localhost/membersnet/training/a-new/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/membersnet/account/digest/stop/" in message.extra_headers["List-Unsubscribe"]
    run_task(members_tasks.send_weekly_digests)
    assert len(mail.outbox) == 1  # not twice in a week


def test_members_who_switched_the_digest_off_get_none(member_user, something_new, run_task):
    response = hub(member_user).post("/membersnet/account/", {})  # the box left unticked
    assert response.status_code == 302
    member_user.member.refresh_from_db()
    assert member_user.member.digest_opt_in is False
    run_task(members_tasks.send_weekly_digests)
    assert mail.outbox == []


def test_lapsed_members_get_no_digest(lapsed_member, something_new, run_task):
    run_task(members_tasks.send_weekly_digests)
    assert mail.outbox == []


def test_nothing_new_means_no_email(member_user, run_task):
    Course.objects.all().delete()
    run_task(members_tasks.send_weekly_digests)
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


@pytest.fixture
def three_members(clp_a, something_new):
    return [make_member(clp_a, email=f"reader{n}@example.org") for n in (1, 2, 3)]


def _digests_to(email):
    return [m for m in mail.outbox if m.to == [email] and m.subject.startswith("What's new")]


def test_one_members_failing_digest_does_not_stop_the_others(three_members, monkeypatch, run_task):
    refused = {"reader2@example.org"}
    real_digest_email = digest.digest_email

    def digest_email(member, items):
        if member.email in refused:
            raise OSError("550 mailbox unavailable")
        return real_digest_email(member, items)

    monkeypatch.setattr(digest, "digest_email", digest_email)
    ids = [user.member.pk for user in three_members]
    failed = Member.objects.get(email="reader2@example.org")
    with pytest.raises(Retry) as retry:
        run_task(members_tasks.send_digest_batch, ids)
    assert retry.value.sig.args == ([failed.pk],)  # retried later, for that member only
    assert len(_digests_to("reader1@example.org")) == len(_digests_to("reader3@example.org")) == 1
    assert _digests_to("reader2@example.org") == []
    failed.refresh_from_db()
    assert failed.last_digest_at is None  # left due, for the retry

    refused.clear()
    assert run_task(members_tasks.send_digest_batch, *retry.value.sig.args) == 1
    assert run_task(members_tasks.send_digest_batch, ids) == 0  # the batch again, redelivered
    for user in three_members:
        assert len(_digests_to(user.email)) == 1


def test_a_batch_sent_twice_emails_nobody_twice(three_members, run_task):
    ids = [user.member.pk for user in three_members]
    assert run_task(members_tasks.send_digest_batch, ids) == 3
    assert run_task(members_tasks.send_digest_batch, ids) == 0
    assert len(mail.outbox) == 3


# --- two-factor authentication --------------------------------------------------------


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


def test_members_factory_makes_an_active_member(clp_a):
    user = make_member(clp_a, email="fresh@example.org")
    assert user.member.is_active
    assert user.member.constituency == clp_a
