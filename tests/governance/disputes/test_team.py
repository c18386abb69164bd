"""The disputes team is a central-staff role: the "Disputes team" group and its
permission, made by the migration and by setup_platform, joined and left in the hub's
Users admin by central staff, each change audited."""

from django.core.management import call_command

from governance.disputes.team import DISPUTES_TEAM, ensure_disputes_team, is_disputes_team
from governance.models import AuditEvent
from tests.factories import UserFactory
from tests.helpers import client_for


def edit_user(client, user, groups):
    return client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "password1": "",
            "password2": "",
            "is_active": "on",
            "is_superuser": "on" if user.is_central_staff else "",
            "groups": [group.pk for group in groups],
        },
    )


def test_the_group_and_its_permission_exist_from_the_migration(team_group):
    assert team_group.name == DISPUTES_TEAM
    assert list(team_group.permissions.values_list("content_type__app_label", "codename")) == [
        ("governance", "work_dispute_cases")
    ]
    assert ensure_disputes_team() == team_group  # idempotent


def test_setup_platform_restores_the_group(team_group, capsys):
    team_group.delete()
    call_command("setup_platform")
    assert "disputes" not in capsys.readouterr().err
    assert ensure_disputes_team().permissions.count() == 1


def test_central_staff_add_and_remove_a_member_in_the_users_admin_and_it_is_audited(
    staff_user, team_group
):
    colleague = UserFactory(email="colleague@example.org", is_central_staff=True)
    staff = client_for("localhost", staff_user)
    page = staff.get(f"/admin/users/edit/{colleague.pk}/").content.decode()
    assert "Disputes team" in page

    assert edit_user(staff, colleague, [team_group]).status_code == 302
    colleague.refresh_from_db()
    assert is_disputes_team(colleague)
    joined = AuditEvent.objects.get(action="disputes_team.joined")
    assert (joined.actor, joined.details["user"]) == (staff_user, colleague.pk)
    assert joined.summary == f"{colleague} added to the disputes team"

    # Saving again without a change records nothing more.
    edit_user(staff, colleague, [team_group])
    assert AuditEvent.objects.filter(action__startswith="disputes_team.").count() == 1

    edit_user(staff, colleague, [])
    colleague = type(colleague).objects.get(pk=colleague.pk)
    assert not is_disputes_team(colleague)
    assert AuditEvent.objects.get(action="disputes_team.left").actor == staff_user


def test_only_central_staff_in_the_group_are_the_team(team_group, officer_a):
    outsider = UserFactory(email="outsider@example.org")
    outsider.groups.add(team_group)
    officer_a.groups.add(team_group)
    assert not is_disputes_team(outsider)
    assert not is_disputes_team(officer_a)
    gone = UserFactory(email="gone@example.org", is_central_staff=True, is_active=False)
    gone.groups.add(team_group)
    assert not is_disputes_team(gone)


def test_officers_cannot_open_the_users_admin(officer_a, clp_a, team_group):
    response = client_for("localhost", officer_a).get("/admin/users/")
    assert response.status_code in (302, 403)
    assert not officer_a.groups.filter(pk=team_group.pk).exists()
