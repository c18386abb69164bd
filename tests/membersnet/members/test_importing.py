"""Importing member records from the membership system's CSV export: what is created,
updated, refused and reported."""

import pytest
from django.core import mail
from django.core.management import call_command

from membersnet.members.importing import ImportFileError, import_members
from membersnet.members.models import Member
from tests.helpers import client_for

from .shared import AFTER, CSV, GOOD_ROWS, _invitation_link, hub


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
