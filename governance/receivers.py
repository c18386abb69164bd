"""Signal receivers of the governance app, connected in GovernanceConfig.ready()."""

from django.dispatch import receiver

from constituencies.moderation.signals import changes_requested, draft_approved
from constituencies.signals import (
    constituency_provisioned,
    constituency_region_changed,
    constituency_status_changed,
    constituency_welsh_changed,
)
from governance import audit
from governance.register.handover import officer_left
from governance.tasks import refresh_compliance
from labourhub.celery import enqueue_after_commit
from membersnet.members.signals import member_import_ended, membership_ended
from privacy.signals import notice_changed
from privacy.staff_access import personal_data_viewed
from roles.signals import appointment_ended, appointment_started


@receiver(appointment_started, dispatch_uid="audit-appointment-started")
def audit_appointment_started(appointment, by=None, **kwargs):
    """Every appointment is a central action the audit log keeps; one made although the
    person is not a current member keeps the stated reason too."""
    exception = appointment.membership_exception
    audit.record(
        "appointment.created_by_exception" if exception else "appointment.created",
        f"{appointment.user} appointed {appointment.get_role_display()} of "
        f"{appointment.constituency.name}" + (f" by exception: {exception}" if exception else ""),
        actor=by,
        constituency=appointment.constituency,
        appointment=appointment.pk,
        people=[appointment.user.email],
        starts_on=appointment.starts_on.isoformat(),
        ends_on=appointment.ends_on.isoformat() if appointment.ends_on else None,
        **({"membership_exception": exception} if exception else {}),
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
        people=[appointment.user.email],
        ends_on=appointment.ends_on.isoformat(),
    )


@receiver(membership_ended, dispatch_uid="governance-membership-ended")
def membership_ended_offices(user, constituency, appointments, reason, source, by=None, **kwargs):
    """A membership lapsed or ended and took the person's offices with it: the audit log
    says why, and the flags and today's snapshot are checked again once it commits, so
    the dashboard shows the gap that day rather than after the nightly check."""
    roles = ", ".join(appointment.get_role_display() for appointment in appointments)
    audit.record(
        "appointment.ended_not_member",
        f"{user} no longer {roles} of {constituency.name}: {reason} ({source})",
        actor=by,
        constituency=constituency,
        user=user.pk,
        people=[user.email],
        appointments=[appointment.pk for appointment in appointments],
        reason=reason,
        source=source,
    )
    enqueue_after_commit(refresh_compliance)


@receiver(appointment_ended, dispatch_uid="register-handover-on-appointment-ended")
def hand_over_accounts_of_leaving_officer(appointment, **kwargs):
    """The roles app cannot know the register exists: when the last officer who can
    sign in to an account leaves, its handover checklist goes out and its flag is
    raised that day."""
    officer_left(appointment)


@receiver(constituency_provisioned, dispatch_uid="audit-constituency-provisioned")
def audit_constituency_provisioned(constituency, by=None, override=None, **kwargs):
    """With the reason staff gave when the name or code disagreed with the shipped list."""
    audit.record(
        "constituency.provisioned",
        f"Provisioned {constituency.name} ({constituency.gss_code})",
        actor=by,
        constituency=constituency,
        gss_code=constituency.gss_code,
        slug=constituency.slug,
        schema=constituency.schema_name,
        region=constituency.region,
        **(override or {}),
    )


AUDITED_STATUSES = {
    "suspended": ("constituency.suspended", "Suspended"),
    "archived": ("constituency.archived", "Archived"),
    "active": ("constituency.reactivated", "Reactivated"),
}


@receiver(constituency_status_changed, dispatch_uid="audit-constituency-status")
def audit_constituency_status_changed(constituency, previous, by=None, **kwargs):
    action, verb = AUDITED_STATUSES[constituency.status]
    audit.record(
        action,
        f"{verb} {constituency.name}",
        actor=by,
        constituency=constituency,
        status=constituency.status,
        previous=previous,
    )


@receiver(constituency_region_changed, dispatch_uid="audit-constituency-region")
def audit_constituency_region_changed(constituency, previous, by=None, **kwargs):
    audit.record(
        "constituency.region_changed",
        f"{constituency.name}'s region set to {constituency.region}"
        if constituency.region
        else f"{constituency.name}'s region cleared",
        actor=by,
        constituency=constituency,
        region=constituency.region,
        previous=previous,
    )


@receiver(constituency_welsh_changed, dispatch_uid="audit-constituency-welsh")
def audit_constituency_welsh_changed(constituency, by=None, **kwargs):
    """Switching Welsh on publishes pages under /cy/, and off takes them down: the audit
    log keeps who did it."""
    name = constituency.name
    audit.record(
        "constituency.welsh_offered" if constituency.offers_welsh else "constituency.welsh_stopped",
        f"{name} offers Welsh" if constituency.offers_welsh else f"{name} no longer offers Welsh",
        actor=by,
        constituency=constituency,
        offers_welsh=constituency.offers_welsh,
        welsh_name=constituency.welsh_name,
    )


@receiver(member_import_ended, dispatch_uid="audit-member-import")
def audit_member_import(file_name, counts, failure, by=None, **kwargs):
    if failure:
        summary = f"Member import of {file_name} failed: {failure}"
    else:
        summary = (
            f"Imported {file_name}: {counts['created']} new, {counts['updated']} updated, "
            f"{counts['error_count']} rows with problems"
        )
    audit.record(
        "members.import_failed" if failure else "members.imported",
        summary,
        actor=by,
        file_name=file_name,
        **counts,
    )


@receiver(draft_approved, dispatch_uid="audit-draft-approved")
def audit_draft_approved(constituency, page, by, submitter, comment, **kwargs):
    """An officer's approval puts an editor's words on the CLP's public site in the
    party's name: the audit log keeps who approved whose draft."""
    _audit_moderation("page.approved", "approved", constituency, page, by, submitter, comment)


@receiver(changes_requested, dispatch_uid="audit-changes-requested")
def audit_changes_requested(constituency, page, by, submitter, comment, **kwargs):
    """Sending a draft back is the other half of the officers' decision."""
    _audit_moderation(
        "page.changes_requested", "asked for changes to", constituency, page, by, submitter, comment
    )


def _audit_moderation(action, verb, constituency, page, by, submitter, comment):
    audit.record(
        action,
        f"{by} {verb} “{page.title}” by {submitter or 'a deleted account'} on "
        f"{constituency.name}'s site",
        actor=by,
        constituency=constituency,
        page=page.pk,
        submitted_by=getattr(submitter, "pk", None),
        comment=comment,
    )


@receiver(personal_data_viewed, dispatch_uid="audit-personal-data-viewed")
def audit_personal_data_viewed(
    action, summary, by, constituency, record, people, details, **kwargs
):
    """The apps that show someone's personal data (sign-ups, member records) sit below
    the audit log: they announce each view, and the log keeps who saw whose record."""
    audit.record(
        action,
        summary,
        actor=by,
        constituency=constituency,
        record=record,
        people=people,
        **details,
    )


@receiver(notice_changed, dispatch_uid="audit-privacy-notice-changed")
def audit_privacy_notice_changed(notice, by=None, **kwargs):
    """What every site tells visitors about their data changed: the log keeps who, when
    and which version (the wording of each is in the notice's history in the admin)."""
    audit.record(
        "privacy.notice_changed",
        f"{notice} changed: now version {notice.version}",
        actor=by,
        record=f"privacy.PrivacyNotice:{notice.pk}",
        notice=notice.kind,
        version=notice.version,
    )
