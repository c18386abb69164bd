"""Who may use which admin. One place answers it, for the gate middleware, the
permission backend and the views alike."""

from .models import Appointment


def current_roles(user, constituency, on=None) -> set[str]:
    """The roles `user` holds today on `constituency`."""
    if not user.is_authenticated or constituency is None or not getattr(constituency, "pk", None):
        return set()
    return set(
        Appointment.objects.current(on)
        .filter(user=user, constituency=constituency)
        .values_list("role", flat=True)
    )


def can_use_admin(user, tenant) -> bool:
    """Central staff may open every admin. Officers and editors may open only the
    admin of a constituency they currently hold an appointment for, and only while
    its site is active. Nobody else may open any admin."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_central_staff:
        return True
    if tenant is None or not getattr(tenant, "is_site", False) or not tenant.is_active:
        return False
    return bool(current_roles(user, tenant))
