"""Party units: Local Campaign Forums and branches, and the units central staff keep."""

import pytest
from django.core.exceptions import ValidationError

from governance.models import AuditEvent, PartyUnit, PresenceEntry
from governance.register.entries import add_entry
from governance.register.units import delete_unit, ensure_clp_unit
from tests.helpers import client_for, text_of

from .shared import CHOOSE_UNIT, INDEX, UNITS, actions, add_url, edit_url, entry_form


def test_a_forums_entry_is_on_the_register_of_each_of_its_clps(
    clp_a, clp_b, officer_a, officer_b, smo_a
):
    forum = PartyUnit.objects.create(kind="lcf", name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    client = client_for(clp_a, officer_a)
    page = text_of(client.get(add_url(forum)))
    assert officer_b.email in page  # the forum's officers are both CLPs' officers
    client.post(
        add_url(forum),
        {**entry_form(handle="@TestfordLCF"), "controllers": [officer_a.pk, officer_b.pk]},
    )
    entry = PresenceEntry.objects.get(unit=forum)
    assert "@TestfordLCF" in text_of(client_for(clp_b, officer_b).get(INDEX))
    assert client_for(clp_b, officer_b).get(edit_url(entry)).status_code == 200


def test_staff_add_a_branch_to_a_clp(staff_user, clp_a, officer_a):
    response = client_for("localhost", staff_user).post(
        f"{UNITS}new/", {"kind": "branch", "name": "Northgate", "constituency": clp_a.pk}
    )
    assert response.status_code == 302
    branch = PartyUnit.objects.get(name="Northgate")
    assert (branch.kind, branch.constituency) == ("branch", clp_a)
    page = text_of(client_for(clp_a, officer_a).get(CHOOSE_UNIT))
    assert "Northgate" in page


def test_staff_add_a_forum_spanning_several_clps(staff_user, clp_a, clp_b):
    client_for("localhost", staff_user).post(
        f"{UNITS}new/",
        {"kind": "lcf", "name": "Testford LCF", "constituencies": [clp_a.pk, clp_b.pk]},
    )
    forum = PartyUnit.objects.get(name="Testford LCF")
    assert set(forum.constituencies.all()) == {clp_a, clp_b}
    page = text_of(client_for("localhost", staff_user).get(UNITS))
    assert "Testford LCF" in page
    assert "Local Campaign Forum" in page
    assert "Testford North, Testford South" in page


def test_staff_may_rename_a_clp_unit_but_not_change_what_it_is(staff_user, clp_a, clp_b, unit_a):
    client_for("localhost", staff_user).post(
        f"{UNITS}edit/{unit_a.pk}/",
        {"kind": "lcf", "name": "Testford North Labour", "constituencies": [clp_b.pk]},
    )
    unit_a.refresh_from_db()
    assert unit_a.name == "Testford North Labour"
    assert (unit_a.kind, unit_a.constituency) == ("clp", clp_a)
    assert not unit_a.constituencies.exists()


@pytest.mark.parametrize(
    ("data", "explanation"),
    [
        ({"kind": "branch", "name": "Northgate"}, "Choose the CLP this branch belongs to."),
        ({"kind": "lcf", "name": "Testford LCF"}, "Choose the CLPs this forum spans."),
        ({"kind": "clp", "name": "Another CLP"}, "Select a valid choice."),
        ({"kind": "branch", "name": ""}, "This field is required."),
    ],
)
def test_bad_units_are_explained_and_not_saved(staff_user, clp_a, data, explanation):
    count = PartyUnit.objects.count()
    response = client_for("localhost", staff_user).post(f"{UNITS}new/", data)
    assert response.status_code == 200
    assert explanation in text_of(response)
    assert PartyUnit.objects.count() == count


def test_a_clp_unit_cannot_be_deleted(staff_user, unit_a):
    response = client_for("localhost", staff_user).post(f"{UNITS}delete/{unit_a.pk}/")
    assert response.status_code == 302
    assert PartyUnit.objects.filter(pk=unit_a.pk).exists()


def test_a_unit_with_entries_cannot_be_deleted_but_an_empty_branch_can(
    staff_user, clp_a, officer_a
):
    staff = client_for("localhost", staff_user)
    branch = PartyUnit.objects.create(kind="branch", name="Northgate", constituency=clp_a)
    add_entry(
        unit=branch,
        platform="x",
        handle="@northgate",
        purpose="Branch news",
        controllers=[officer_a],
        credentials_note="Password manager",
    )
    staff.post(f"{UNITS}delete/{branch.pk}/")
    assert PartyUnit.objects.filter(pk=branch.pk).exists()

    empty = PartyUnit.objects.create(kind="branch", name="Southgate", constituency=clp_a)
    staff.post(f"{UNITS}delete/{empty.pk}/")
    assert not PartyUnit.objects.filter(pk=empty.pk).exists()


def test_the_delete_operation_itself_refuses_a_clp_or_a_unit_with_entries(
    staff_user, clp_a, officer_a
):
    clp = ensure_clp_unit(clp_a)
    branch = PartyUnit.objects.create(kind="branch", name="Northgate", constituency=clp_a)
    add_entry(
        unit=branch,
        platform=PresenceEntry.Platform.X,
        handle="@NorthgateLabour",
        purpose="News",
        controllers=[officer_a],
        credentials_note="With the Secretary",
    )
    for unit, reason in ((clp, "A CLP can't be deleted"), (branch, "has register entries")):
        with pytest.raises(ValidationError, match=reason):
            delete_unit(unit, by=staff_user)
        assert PartyUnit.objects.filter(pk=unit.pk).exists()
    assert PresenceEntry.objects.filter(unit=branch).exists()
    assert not AuditEvent.objects.filter(action="unit.deleted").exists()


def test_adding_changing_and_deleting_units_is_in_the_audit_log(staff_user, clp_a, clp_b):
    staff = client_for("localhost", staff_user)
    staff.post(
        f"{UNITS}new/",
        {"kind": "lcf", "name": "Testford LCF", "constituencies": [clp_a.pk, clp_b.pk]},
    )
    forum = PartyUnit.objects.get(name="Testford LCF")
    [added] = actions("unit.created")
    assert (added.actor, added.unit, added.summary) == (
        staff_user,
        forum,
        "Added Local Campaign Forum Testford LCF",
    )
    assert added.details["clps"] == sorted([clp_a.gss_code, clp_b.gss_code])

    staff.post(
        f"{UNITS}edit/{forum.pk}/",
        {"kind": "lcf", "name": "Testford and District LCF", "constituencies": [clp_a.pk]},
    )
    [changed] = actions("unit.changed")
    assert changed.summary == "Changed Local Campaign Forum Testford and District LCF"
    assert set(changed.details["changed"]) == {"name", "constituencies"}

    staff.post(f"{UNITS}delete/{forum.pk}/")
    [deleted] = actions("unit.deleted")
    assert deleted.summary == "Deleted Local Campaign Forum Testford and District LCF"
    assert deleted.actor == staff_user
    assert "Testford and District LCF" in text_of(staff.get("/admin/audit/"))


def test_officers_cannot_manage_units_even_in_their_own_admin(clp_a, officer_a, staff_user):
    client = client_for(clp_a, officer_a)
    response = client.post(
        f"{UNITS}new/", {"kind": "branch", "name": "Rogue", "constituency": clp_a.pk}
    )
    assert response.status_code == 404  # units are the hub's: not in a constituency's admin
    assert not PartyUnit.objects.filter(name="Rogue").exists()
    # Central staff manage units from the hub, not from a constituency's admin.
    response = client_for(clp_a, staff_user).post(
        f"{UNITS}new/", {"kind": "branch", "name": "Rogue", "constituency": clp_a.pk}
    )
    assert not PartyUnit.objects.filter(name="Rogue").exists()


def test_units_are_managed_on_the_hub_only_by_central_staff(officer_a, member_user):
    assert client_for("localhost", officer_a).get(UNITS).status_code == 403
    assert client_for("localhost", member_user).get(UNITS).status_code == 403
