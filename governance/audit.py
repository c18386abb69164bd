"""The audit log of governance actions. Each operation records what it did, here."""

from governance.models import AuditEvent


def record(action: str, summary: str, *, actor=None, constituency=None, unit=None, **details):
    """Write one audit event. `action` is a dotted name ("appointment.created",
    "register.changed", "report.status_changed"…); `details` must be JSON-able."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        action=action,
        summary=summary[:300],
        actor=actor,
        constituency=constituency,
        unit=unit,
        details=details,
    )
