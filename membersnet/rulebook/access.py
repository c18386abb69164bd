"""Who may read and upload a CLP's standing orders. Every view asks here.

Membersnet itself needs an active member (or central staff): see
`membersnet.members.access.member_required`, which every rulebook view wears first."""

from membersnet.members.access import active_member
from roles.access import current_roles
from roles.models import Role


def can_upload_standing_orders(user, constituency) -> bool:
    """The CLP's Secretary (a current appointment) and central staff."""
    if not user.is_authenticated:
        return False
    return user.is_central_staff or Role.SECRETARY in current_roles(user, constituency)


def can_read_standing_orders(user, constituency) -> bool:
    """The CLP's own members, its current officers, and central staff. Members of
    other CLPs may not read them."""
    if not user.is_authenticated:
        return False
    if user.is_central_staff:
        return True
    member = active_member(user)
    if member is not None and member.constituency_id == constituency.pk:
        return True
    return bool(current_roles(user, constituency))
