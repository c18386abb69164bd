"""The disputes team's work on a case: moving it through its states, linking the member
responsible and releasing their name to the CLP's officers. Each change is made by the
team only, adds to the case's history and is audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from governance import audit
from governance.disputes.notices import queue_outcome_notice
from governance.disputes.team import is_disputes_team
from governance.models import CaseEvent, DisputeCase
from membersnet.members.models import Member

State = DisputeCase.State
NOTE_MAX_LENGTH = CaseEvent._meta.get_field("note").max_length

# Where a case may go next. An outcome can be reopened (an appeal, new evidence) until
# the case is closed; a closed case stays closed (a new referral opens a new one).
TRANSITIONS = {
    State.RECEIVED: (State.INVESTIGATING,),
    State.INVESTIGATING: DisputeCase.OUTCOMES,
    State.NO_ACTION: (State.CLOSED, State.INVESTIGATING),
    State.WARNING: (State.CLOSED, State.INVESTIGATING),
    State.SUSPENSION_REFERRED: (State.CLOSED, State.INVESTIGATING),
    State.CLOSED: (),
}


def require_team(actor) -> None:
    if not is_disputes_team(actor):
        raise PermissionDenied("Only the disputes team can work a case.")


def next_states(case: DisputeCase) -> tuple:
    return TRANSITIONS.get(case.state, ())


def _locked(case: DisputeCase) -> DisputeCase:
    return (
        DisputeCase.objects.select_for_update(of=("self",))
        .select_related("unit__constituency", "referred_by", "referred_by_constituency")
        .get(pk=case.pk)
    )


def _where(case: DisputeCase):
    return case.unit.constituency if case.unit else None


@transaction.atomic
def change_case_state(
    case: DisputeCase, to_state: str, *, actor, note: str, seen_state: str = ""
) -> DisputeCase:
    """Move a case to its next state with a note, in its history and the audit log;
    reaching an outcome queues a notice to whoever referred it. Raises
    PermissionDenied for anyone outside the disputes team, and ValidationError,
    changing nothing, for a move the workflow doesn't allow, a missing or overlong
    note, or when `seen_state` (what the form showed) is no longer the case's state."""
    require_team(actor)
    case = _locked(case)
    note = (note or "").strip()
    if seen_state and seen_state != case.state:
        raise ValidationError(
            f"Someone else moved this case to “{case.get_state_display()}” while you were "
            "looking. Check its history, then try again."
        )
    if to_state not in next_states(case):
        allowed = ", ".join(f"“{State(s).label}”" for s in next_states(case)) or "nowhere"
        raise ValidationError(
            {
                "to_state": f"A case that is “{case.get_state_display()}” can go to "
                f"{allowed}, not there."
            }
        )
    if not note:
        raise ValidationError({"note": "Add a note: the case's history keeps why it moved."})
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": f"Keep the note to {NOTE_MAX_LENGTH:,} characters."})
    from_state = case.state
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.STATE,
        actor=actor,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )
    case.state = to_state
    case.state_changed_at = timezone.now()
    case.save(update_fields=["state", "state_changed_at"])
    audit.record(
        "dispute.state_changed",
        f"Case #{case.pk} about {case.account}: "
        f"{State(from_state).label} → {State(to_state).label}",
        actor=actor,
        constituency=_where(case),
        unit=case.unit,
        case=case.pk,
        from_state=from_state,
        to_state=to_state,
    )
    if to_state in DisputeCase.OUTCOMES:
        queue_outcome_notice(case)
    return case


def members_for_case(case: DisputeCase):
    """The member records the member responsible may be chosen from: those of the CLP
    (or CLPs, for a Local Campaign Forum) the account claims to represent."""
    if case.unit is None:
        return Member.objects.none()
    return Member.objects.filter(constituency_id__in=case.unit.officer_constituency_ids())


@transaction.atomic
def link_member(case: DisputeCase, member: Member | None, *, actor) -> DisputeCase:
    """Record the member responsible (or that it is not known after all: `None`). A
    name released to officers is withheld again when the member changes."""
    require_team(actor)
    case = _locked(case)
    if not case.is_open:
        raise ValidationError("A closed case can't change.")
    if member is not None and not members_for_case(case).filter(pk=member.pk).exists():
        raise ValidationError(
            {"member": "Choose a member of the CLP the account claims to represent."}
        )
    if (member.pk if member else None) == case.member_id:
        raise ValidationError({"member": "That is already the member on this case."})
    case.member = member
    case.name_released_at = None
    case.save(update_fields=["member", "name_released_at"])
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.MEMBER,
        actor=actor,
        note=str(member) if member else "No member linked.",
    )
    # The audit log is central staff's, not only the team's: it names the record by id.
    audit.record(
        "dispute.member_linked",
        f"Case #{case.pk} about {case.account}: "
        + ("member record linked" if member else "member record unlinked"),
        actor=actor,
        constituency=_where(case),
        unit=case.unit,
        case=case.pk,
        member=member.pk if member else None,
    )
    return case


@transaction.atomic
def release_name(case: DisputeCase, *, actor) -> DisputeCase:
    """Let the CLP's officers see the name of the member responsible."""
    require_team(actor)
    case = _locked(case)
    if case.member_id is None:
        raise ValidationError("Link the member responsible before releasing their name.")
    if case.name_released_at is not None:
        raise ValidationError("Their name has already been released to the officers.")
    case.name_released_at = timezone.now()
    case.save(update_fields=["name_released_at"])
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.RELEASED, actor=actor)
    audit.record(
        "dispute.name_released",
        f"Case #{case.pk} about {case.account}: member's name released to officers",
        actor=actor,
        constituency=_where(case),
        unit=case.unit,
        case=case.pk,
        member=case.member_id,
    )
    return case
