"""Referring a reported account to the party's central disputes team: a CLP's
Secretary or Social Media Officer, from their admin's report, or central staff, from
the hub's."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from governance import audit
from governance.disputes.notices import queue_referral_notice
from governance.models import AccountReport, CaseEvent, DisputeCase, ReportEvent
from governance.register.account_keys import lookup_keys
from governance.register.entries import look_up, may_keep_register
from governance.register.units import units_of_constituency

REASON_MAX_LENGTH = DisputeCase._meta.get_field("reason").max_length
Status = AccountReport.Status


def may_refer(user, report: AccountReport, constituency=None) -> bool:
    """Central staff may refer any report; a CLP's designated administrators (in their
    CLP's admin, `constituency`) the reports about the units their CLP looks after."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if constituency is None:
        return user.is_central_staff
    if not may_keep_register(user, constituency):
        return False
    return units_of_constituency(constituency).filter(pk=report.unit_id).exists()


@transaction.atomic
def refer_report(
    report: AccountReport, *, actor, reason: str, constituency=None
) -> tuple[DisputeCase, bool]:
    """Refer an open report to the disputes team: open a case for its account (or add
    the report to the case already open about that account), mark the report
    referred, audit both and queue the email to the team. A link to a profile joins
    the case about that handle. Returns the case and whether
    it was already open. Raises PermissionDenied for anyone else, and ValidationError,
    changing nothing, without a reason or for a report that is closed or already
    referred."""
    if not may_refer(actor, report, constituency):
        raise PermissionDenied(
            "Only the CLP's Secretary or Social Media Officer, or central "
            "staff, can refer a report to the disputes team."
        )
    report = (
        AccountReport.objects.select_for_update(of=("self",))
        .select_related("unit__constituency")
        .get(pk=report.pk)
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Say why you are referring it: the disputes team starts from this."}
        )
    # Central staff referring from a constituency's admin refer as central staff: the
    # CLP's officers are told the outcome only of what they referred themselves.
    if actor.is_central_staff:
        constituency = None
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": f"Keep it to {REASON_MAX_LENGTH:,} characters."})
    if report.status == Status.REFERRED:
        raise ValidationError("This report has already been referred to the disputes team.")
    if not report.is_open:
        raise ValidationError(
            f"This report is “{report.get_status_display()}”: only an open report can be "
            "referred. Ask central staff to reopen it if something new has turned up."
        )

    case = (
        DisputeCase.objects.open()
        .select_for_update()
        .filter(account_key__in=lookup_keys(report.account))
        .order_by("pk")
        .first()
    )
    joined = case is not None
    if case is None:
        case = DisputeCase.objects.create(
            account=report.account,
            account_key=report.account_key,
            unit=report.unit,
            register_entry_ids=[entry.pk for entry in look_up(report.account)],
            reason=reason,
            referred_by=actor,
            referred_by_constituency=constituency,
        )
    case.reports.add(report)
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.REPORT_ADDED if joined else CaseEvent.Kind.REFERRED,
        actor=actor,
        to_state=case.state,
        note=reason if not joined else f"Report #{report.pk}: {reason}",
    )
    ReportEvent.objects.create(
        report=report,
        actor=actor,
        from_status=report.status,
        to_status=Status.REFERRED,
        note=f"Referred to the party's disputes team (case #{case.pk}).",
    )
    from_status = report.status
    report.status = Status.REFERRED
    report.save(update_fields=["status", "updated_at"])

    unit = report.unit
    where = constituency or (unit.constituency if unit else None)
    audit.record(
        "dispute.report_added" if joined else "dispute.referred",
        f"Report #{report.pk} about {report.account} "
        + (f"added to case #{case.pk}" if joined else f"referred as case #{case.pk}")
        + (f" by the officers of {constituency.name}" if constituency else ""),
        actor=actor,
        constituency=where,
        unit=unit,
        case=case.pk,
        report=report.pk,
        by_officers_of=constituency.pk if constituency else None,
    )
    audit.record(
        "report.status_changed",
        f"Report #{report.pk} about {report.account}: "
        f"{Status(from_status).label} → {Status.REFERRED.label}",
        actor=actor,
        constituency=where,
        unit=unit,
        report=report.pk,
        from_status=from_status,
        to_status=Status.REFERRED,
    )
    queue_referral_notice(case, report, actor=actor, constituency=constituency, joined=joined)
    return case, joined
