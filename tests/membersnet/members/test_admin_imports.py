"""Staff import member records from the hub's admin: the upload, the background task and
its report."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from membersnet.members import importing
from membersnet.members import tasks as members_tasks
from membersnet.members.models import Member, MemberImport
from tests.factories import (
    UserFactory,
)
from tests.helpers import client_for

from .shared import AFTER, CSV, GOOD_ROWS, IMPORTS, hub, upload_member_list


def _stored_files(tmp_path):
    private = tmp_path / "private-media"
    return [path for path in private.rglob("*") if path.is_file()] if private.exists() else []


def test_staff_upload_a_member_list_and_follow_its_import(
    staff_user, clp_a, clp_b, tmp_path, django_capture_on_commit_callbacks
):
    staff = hub(staff_user)
    with django_capture_on_commit_callbacks() as queued:
        response = upload_member_list(staff, send_invitations="on")
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
        response = upload_member_list(hub(staff_user))  # the box left unticked
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
        response = upload_member_list(hub(staff_user), damaged)
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
        response = upload_member_list(hub(staff_user), content, name=name)
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
        posted = upload_member_list(client)
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
