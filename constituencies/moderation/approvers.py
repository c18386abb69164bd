"""Who approves a constituency's drafts: its current Secretary and Social Media Officer,
once trained to publish. Asked afresh from the appointments and training records, so an
appointment that ends, or a certificate that lapses, takes the right away at once."""

from django.contrib.auth import get_user_model

from roles.appointments import is_trained_to_publish
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES, Appointment


def approvers_of(constituency) -> list:
    """The active users who may approve `constituency`'s drafts, by email."""
    if constituency is None or not getattr(constituency, "is_site", False):
        return []
    officers = get_user_model().objects.filter(
        is_active=True,
        pk__in=Appointment.objects.current()
        .filter(constituency=constituency, role__in=DESIGNATED_ADMINISTRATOR_ROLES)
        .values("user_id"),
    )
    return [user for user in officers.order_by("email") if is_trained_to_publish(user)]


def may_approve(user, constituency) -> bool:
    """Is `user` one of `constituency`'s approvers? Central staff are not, unless they
    hold the office themselves: the policy gives the approval to the CLP's officers."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if constituency is None or not getattr(constituency, "is_site", False):
        return False
    holds_office = (
        Appointment.objects.current()
        .filter(user=user, constituency=constituency, role__in=DESIGNATED_ADMINISTRATOR_ROLES)
        .exists()
    )
    return holds_office and is_trained_to_publish(user)
