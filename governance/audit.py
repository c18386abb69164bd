"""The audit log of governance actions. Each operation records what it did, here."""

from governance.models import AuditEvent


def record(
    action: str,
    summary: str,
    *,
    actor=None,
    constituency=None,
    unit=None,
    people=(),
    record="",
    **details,
):
    """Write one audit event. `action` is a dotted name ("appointment.created",
    "register.changed", "report.status_changed"…); `details` must be JSON-able.
    `people` are the email addresses of whose personal data it touched or showed, and
    `record` which record ("app_label.Model:pk"), for the audit list's Person filter."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        action=action,
        summary=summary[:300],
        actor=actor,
        constituency=constituency,
        unit=unit,
        details=details,
        record=record[:120],
        people=sorted({email.strip().lower() for email in people if email}),
    )
