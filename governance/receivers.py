"""Signal receivers of the governance app, connected in GovernanceConfig.ready()."""

from django.dispatch import receiver

from governance import audit
from roles.signals import appointment_ended, appointment_started


@receiver(appointment_started, dispatch_uid="audit-appointment-started")
def audit_appointment_started(appointment, by=None, **kwargs):
    """Every appointment is a central action the audit log keeps."""
    audit.record(
        "appointment.created",
        f"{appointment.user} appointed {appointment.get_role_display()} of "
        f"{appointment.constituency.name}",
        actor=by,
        constituency=appointment.constituency,
        appointment=appointment.pk,
        starts_on=appointment.starts_on.isoformat(),
        ends_on=appointment.ends_on.isoformat() if appointment.ends_on else None,
    )


@receiver(appointment_ended, dispatch_uid="audit-appointment-ended")
def audit_appointment_ended(appointment, by=None, **kwargs):
    """Ending an appointment takes rights away: the audit log keeps who and when."""
    audit.record(
        "appointment.ended",
        f"{appointment.user} no longer {appointment.get_role_display()} of "
        f"{appointment.constituency.name} from {appointment.ends_on:%-d %B %Y}",
        actor=by,
        constituency=appointment.constituency,
        appointment=appointment.pk,
        ends_on=appointment.ends_on.isoformat(),
    )
