"""The party's central disputes team: central staff in the "Disputes team" group, whose
permission lets them work cases. Central staff are superusers, so Django's has_perm
answers yes for every one of them: membership is asked of the group itself."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from governance import audit
from governance.models import DisputeCase

DISPUTES_TEAM = "Disputes team"
PERMISSION = "work_dispute_cases"


def ensure_disputes_team() -> Group:
    """The group, holding its permission (made if the database has neither yet).
    Idempotent: setup_platform calls it after every deploy."""
    content_type = ContentType.objects.get_for_model(DisputeCase)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=PERMISSION,
        defaults={"name": "Can work the disputes team's cases"},
    )
    group, _ = Group.objects.get_or_create(name=DISPUTES_TEAM)
    group.permissions.add(permission)
    return group


def _team_users():
    return get_user_model().objects.filter(
        is_active=True,
        is_central_staff=True,
        groups__permissions__codename=PERMISSION,
        groups__permissions__content_type__app_label="governance",
    )


def is_disputes_team(user) -> bool:
    """Whether `user` works the disputes team's cases: active central staff in a group
    with the team's permission (anyone else in the group gains nothing)."""
    if not getattr(user, "is_authenticated", False) or not user.is_central_staff:
        return False
    cached = getattr(user, "_is_disputes_team", None)
    if cached is None:
        cached = user._is_disputes_team = _team_users().filter(pk=user.pk).exists()
    return cached


def team_emails() -> list[str]:
    return sorted(set(_team_users().values_list("email", flat=True)))


def in_team_group(user) -> bool:
    return user.groups.filter(name=DISPUTES_TEAM).exists()


def record_membership_change(user, *, was_in_group: bool, actor) -> None:
    """Audit joining or leaving the group, as the Users admin just saved it."""
    now_in_group = in_team_group(user)
    if now_in_group == was_in_group:
        return
    audit.record(
        "disputes_team.joined" if now_in_group else "disputes_team.left",
        f"{user} {'added to' if now_in_group else 'removed from'} the disputes team",
        actor=actor,
        user=user.pk,
        email=user.email,
        people=[user.email],
    )
