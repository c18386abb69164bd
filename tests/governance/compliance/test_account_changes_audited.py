"""Central staff's changes to people's accounts in the hub's Users admin are central
actions too: making someone central staff or taking it away, deactivating or
reactivating an account, and deleting one are in the audit log, with who did it."""

import pytest

from accounts.models import User
from governance.models import AuditEvent
from tests.factories import UserFactory
from tests.helpers import client_for


@pytest.fixture
def new_events(db):
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return AuditEvent.objects.filter(pk__gt=last)


def edit(client, user, *, active=True, administrator=False):
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "password1": "",
        "password2": "",
    }
    if active:
        data["is_active"] = "on"
    if administrator:
        data["is_superuser"] = "on"
    return client.post(f"/admin/users/edit/{user.pk}/", data)


def test_making_someone_central_staff_and_taking_it_away_is_audited(new_events, staff_user):
    colleague = UserFactory(email="colleague@example.org")
    staff = client_for("localhost", staff_user)
    assert edit(staff, colleague, administrator=True).status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_central_staff
    assert colleague.is_superuser
    made = new_events.get(action="account.made_central_staff")
    assert (made.actor, made.details["user"]) == (staff_user, colleague.pk)
    assert made.action_label == "Made central staff"

    edit(staff, colleague, administrator=True)  # saved again unchanged: nothing more
    assert new_events.filter(action__startswith="account.").count() == 1

    assert edit(staff, colleague).status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_central_staff
    assert not colleague.is_superuser
    assert new_events.get(action="account.central_staff_removed").actor == staff_user


def test_deactivating_and_reactivating_an_account_is_audited(new_events, staff_user):
    member = UserFactory(email="quiet@example.org")
    staff = client_for("localhost", staff_user)
    edit(staff, member, active=False)
    assert not User.objects.get(pk=member.pk).is_active
    deactivated = new_events.get(action="account.deactivated")
    assert deactivated.summary == f"{member}'s account deactivated"
    edit(staff, member)
    assert new_events.get(action="account.reactivated").actor == staff_user


def test_deleting_an_account_is_audited(new_events, staff_user):
    leaver = UserFactory(email="leaver@example.org")
    staff = client_for("localhost", staff_user)
    response = staff.post(f"/admin/users/delete/{leaver.pk}/")
    assert response.status_code == 302
    assert not User.objects.filter(pk=leaver.pk).exists()
    deleted = new_events.get(action="account.deleted")
    assert (deleted.actor, deleted.details) == (
        staff_user,
        {"user": leaver.pk, "email": "leaver@example.org"},
    )


def test_a_new_account_made_central_staff_is_audited(new_events, staff_user):
    staff = client_for("localhost", staff_user)
    response = staff.post(
        "/admin/users/new/",
        {
            "email": "newstaff@example.org",
            "first_name": "New",
            "last_name": "Staff",
            "password1": "a long and unguessable phrase 42",
            "password2": "a long and unguessable phrase 42",
            "is_active": "on",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    made = new_events.get(action="account.made_central_staff")
    assert made.details["email"] == "newstaff@example.org"
    assert User.objects.get(email="newstaff@example.org").is_central_staff


def test_officers_and_members_cannot_change_accounts(new_events, officer_a, member_user):
    target = UserFactory(email="target@example.org")
    for person in (officer_a, member_user):
        response = edit(client_for("localhost", person), target, active=False, administrator=True)
        assert response.status_code in (302, 403)
        target.refresh_from_db()
        assert target.is_active
        assert not target.is_central_staff
    assert not new_events.filter(action__startswith="account.").exists()


def test_bulk_actions_of_the_users_admin_are_audited(new_events, staff_user):
    first = UserFactory(email="first@example.org")
    second = UserFactory(email="second@example.org")
    staff = client_for("localhost", staff_user)
    ids = f"id={first.pk}&id={second.pk}"
    response = staff.post(
        f"/admin/bulk/accounts/user/set_active_state/?{ids}", {"mark_as_active": "False"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[first.pk, second.pk], is_active=True).exists()
    deactivated = new_events.filter(action="account.deactivated")
    assert sorted(deactivated.values_list("details__email", flat=True)) == [
        "first@example.org",
        "second@example.org",
    ]
    assert {event.actor for event in deactivated} == {staff_user}

    response = staff.post(f"/admin/bulk/accounts/user/delete/?{ids}")
    assert response.status_code == 302
    assert sorted(
        new_events.filter(action="account.deleted").values_list("details__email", flat=True)
    ) == ["first@example.org", "second@example.org"]
