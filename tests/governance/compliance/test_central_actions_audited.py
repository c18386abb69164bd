"""Every central action is in the audit log, with who, when, what and what changed:
provisioning, suspending, archiving, reactivating and setting a constituency's region,
and importing member records, from the staff screens or the commands."""

import io

import pytest
from django.core.management import call_command

from governance.models import AuditEvent
from membersnet.members.models import MemberImport
from tests.helpers import client_for, page_of
from tests.membersnet.members.shared import CSV, upload_member_list

PROVISION = "/admin/constituencies/provision/"


@pytest.fixture
def new_events(db):
    """The audit events written during the test (the session's constituencies were
    provisioned, and audited, before it)."""
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return AuditEvent.objects.filter(pk__gt=last)


def _detail(constituency):
    return f"/admin/constituencies/{constituency.pk}/"


def test_provisioning_from_the_staff_screen_is_audited(new_events, staff, staff_user):
    response = staff.post(
        PROVISION,
        {
            "name": "Audit Town",
            "gss_code": "E14999961",
            "region": "North West",
            "override": "on",
            "override_reason": "A new constituency, not yet on the list",
        },
    )
    assert response.status_code == 302
    event = new_events.get(action="constituency.provisioned")
    assert event.actor == staff_user
    assert event.constituency.gss_code == "E14999961"
    assert event.summary == "Provisioned Audit Town (E14999961)"
    assert event.details["slug"] == "audit-town"
    assert event.details["region"] == "North West"
    assert event.details["override_reason"] == "A new constituency, not yet on the list"
    assert event.details["listed_name"] is None
    assert "Constituency provisioned" in page_of(staff.get("/admin/audit/"))


def test_provisioning_from_the_command_is_audited_with_no_actor(new_events, db):
    call_command(
        "provision_constituency",
        "--name",
        "Command Town",
        "--gss-code",
        "E14999962",
        "--override-reason",
        "Invented for this test",
        verbosity=0,
    )
    event = new_events.get(action="constituency.provisioned")
    assert event.actor is None
    assert event.summary == "Provisioned Command Town (E14999962)"
    assert event.details["override_reason"] == "Invented for this test"


def test_a_refused_provisioning_records_nothing(new_events, staff, clp_a):
    response = staff.post(PROVISION, {"name": clp_a.name, "gss_code": "E14999963"})
    assert response.status_code == 200
    assert not new_events.filter(action="constituency.provisioned").exists()


@pytest.mark.parametrize(
    ("action", "status", "summary"),
    [
        ("suspend", "suspended", "Suspended Testford North"),
        ("archive", "archived", "Archived Testford North"),
    ],
)
def test_taking_a_site_offline_is_audited(
    new_events, staff, staff_user, clp_a, action, status, summary
):
    staff.post(f"{_detail(clp_a)}status/", {"action": action, "confirmed": "yes"})
    event = new_events.get(action=f"constituency.{status}")
    assert (event.actor, event.constituency, event.summary) == (staff_user, clp_a, summary)
    assert event.details == {"status": status, "previous": "active"}


def test_reactivating_is_audited(new_events, staff, clp_a):
    staff.post(f"{_detail(clp_a)}status/", {"action": "suspend", "confirmed": "yes"})
    staff.post(f"{_detail(clp_a)}status/", {"action": "reactivate"})
    event = new_events.get(action="constituency.reactivated")
    assert event.summary == "Reactivated Testford North"
    assert event.details == {"status": "active", "previous": "suspended"}


def test_an_unconfirmed_or_refused_status_change_records_nothing(new_events, staff, clp_a):
    staff.post(f"{_detail(clp_a)}status/", {"action": "suspend"})  # asks to confirm first
    staff.post(f"{_detail(clp_a)}status/", {"action": "explode", "confirmed": "yes"})
    assert not new_events.filter(action__startswith="constituency.").exists()


def test_setting_a_region_is_audited_and_setting_the_same_one_is_not(
    new_events, staff, staff_user, clp_a
):
    staff.post(f"{_detail(clp_a)}region/", {"region": "North West"})
    staff.post(f"{_detail(clp_a)}region/", {"region": "North West"})
    staff.post(f"{_detail(clp_a)}region/", {"region": ""})
    events = list(new_events.filter(action="constituency.region_changed").order_by("pk"))
    assert [event.summary for event in events] == [
        "Testford North's region set to North West",
        "Testford North's region cleared",
    ]
    assert events[0].actor == staff_user
    assert events[0].details == {"region": "North West", "previous": clp_a.region}


def test_officers_cannot_change_what_would_be_audited(new_events, officer_a, clp_a):
    client = client_for("localhost", officer_a)
    client.post(f"{_detail(clp_a)}status/", {"action": "suspend", "confirmed": "yes"})
    client.post(f"{_detail(clp_a)}region/", {"region": "Nowhere"})
    assert not new_events.filter(action__startswith="constituency.").exists()


def test_a_member_import_from_the_hub_admin_is_audited(
    new_events, staff_user, clp_a, clp_b, django_capture_on_commit_callbacks
):
    staff = client_for("localhost", staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        upload_member_list(staff)
    event = new_events.get(action="members.imported")
    assert event.actor == staff_user
    assert event.summary.startswith("Imported members.csv: ")
    assert event.details["file_name"] == "members.csv"
    assert event.details["created"] >= 1


def test_a_failed_member_import_is_audited_with_its_reason(new_events, staff_user, db):
    member_import = MemberImport.objects.create(
        file_name="broken.csv", send_invitations=False, started_by=staff_user
    )
    member_import.fail("The file stopped half-way.")
    event = new_events.get(action="members.import_failed")
    assert event.summary == "Member import of broken.csv failed: The file stopped half-way."
    assert event.actor == staff_user


def test_a_member_import_from_the_command_is_audited(new_events, clp_a, tmp_path):
    path = tmp_path / "national.csv"
    path.write_text(CSV)
    call_command("import_members", str(path), "--no-invitations", stdout=io.StringIO())
    event = new_events.get(action="members.imported")
    assert event.actor is None
    assert event.details["file_name"] == "national.csv"
