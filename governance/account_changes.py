"""Central staff's changes to people's accounts in the hub's Users admin, for the audit
log: made or no longer central staff, deactivated or reactivated, added to or removed
from the disputes team, deleted. Wagtail's hooks around the Users admin's views are the
one place that knows who made the change (governance.wagtail_hooks)."""

from django.contrib.auth import get_user_model

from governance import audit
from governance.disputes.team import in_team_group, record_membership_change


def account_state(user) -> dict:
    """What the audit log compares before and after an edit."""
    return {
        "central_staff": user.is_central_staff,
        "active": user.is_active,
        "disputes_team": in_team_group(user),
    }


def _record(action, summary, user, actor):
    audit.record(action, summary, actor=actor, user=user.pk, email=user.email, people=[user.email])


def record_account_changes(user, *, before: dict, actor) -> None:
    """Audit what an edit (or, with the state of a new account, a creation) changed."""
    if user.is_central_staff != before["central_staff"]:
        if user.is_central_staff:
            _record("account.made_central_staff", f"{user} made central staff", user, actor)
        else:
            _record("account.central_staff_removed", f"{user} no longer central staff", user, actor)
    if user.is_active != before["active"]:
        if user.is_active:
            _record("account.reactivated", f"{user}'s account reactivated", user, actor)
        else:
            _record("account.deactivated", f"{user}'s account deactivated", user, actor)
    record_membership_change(user, was_in_group=before["disputes_team"], actor=actor)


NEW_ACCOUNT = {"central_staff": False, "active": True, "disputes_team": False}


def record_account_deleted(user_pk: int, email: str, name: str, *, actor) -> None:
    audit.record(
        "account.deleted",
        f"{name}'s account deleted",
        actor=actor,
        user=user_pk,
        email=email,
        people=[email],
    )


def remember_accounts(users) -> dict:
    """Each account's state and name before a bulk action of the Users admin."""
    return {user.pk: (account_state(user), user.email, str(user)) for user in users}


def record_bulk_changes(remembered: dict, *, actor) -> None:
    """Audit what a bulk action (set active state, assign a role, delete) changed in
    the accounts remembered before it."""
    still_there = {user.pk: user for user in get_user_model().objects.filter(pk__in=remembered)}
    for pk, (before, email, name) in remembered.items():
        if pk in still_there:
            record_account_changes(still_there[pk], before=before, actor=actor)
        else:
            record_account_deleted(pk, email, name, actor=actor)
