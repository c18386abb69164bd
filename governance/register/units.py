"""Party units and who looks after them."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from constituencies.models import Constituency
from governance import audit
from governance.models import (
    PartyUnit,
)
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES, Appointment


def ensure_clp_unit(constituency) -> PartyUnit:
    """Every constituency site is a CLP unit on the register."""
    unit, _ = PartyUnit.objects.get_or_create(
        kind=PartyUnit.Kind.CLP, constituency=constituency, defaults={"name": constituency.name}
    )
    return unit


def ensure_clp_units() -> int:
    """Make the CLP unit of every constituency that lacks one; returns how many were made."""
    missing = Constituency.objects.sites().exclude(party_units__kind=PartyUnit.Kind.CLP)
    made = [PartyUnit(kind=PartyUnit.Kind.CLP, constituency=c, name=c.name) for c in missing]
    PartyUnit.objects.bulk_create(made)
    return len(made)


def current_officers(unit: PartyUnit, on=None):
    """Users holding any current appointment in the unit's CLP(s)."""
    return (
        get_user_model()
        .objects.filter(
            appointments__in=Appointment.objects.current(on).filter(
                constituency_id__in=unit.officer_constituency_ids()
            )
        )
        .distinct()
    )


def designated_administrators(unit: PartyUnit, on=None):
    """Users who are currently Secretary or Social Media Officer of the unit's CLP(s)."""
    return (
        get_user_model()
        .objects.filter(
            appointments__in=Appointment.objects.current(on).filter(
                constituency_id__in=unit.officer_constituency_ids(),
                role__in=DESIGNATED_ADMINISTRATOR_ROLES,
            )
        )
        .distinct()
    )


def units_of_constituency(constituency):
    """The units a constituency's officers look after: its CLP unit, its branches and
    the Local Campaign Forums it is part of."""
    return PartyUnit.objects.filter(
        Q(constituency=constituency) | Q(kind=PartyUnit.Kind.LCF, constituencies=constituency)
    ).distinct()


def record_unit_saved(unit: PartyUnit, *, created: bool, changed: list[str], by) -> None:
    """Audit a unit central staff have just added or changed in the admin."""
    kind = unit.get_kind_display()
    audit.record(
        "unit.created" if created else "unit.changed",
        f"Added {kind} {unit.name}" if created else f"Changed {kind} {unit.name}",
        actor=by,
        constituency=unit.constituency,
        unit=unit,
        kind=unit.kind,
        changed=changed,
        clps=sorted(c.gss_code for c in unit.constituencies.all())
        if unit.kind == PartyUnit.Kind.LCF
        else [],
    )


def why_unit_cannot_be_deleted(unit: PartyUnit) -> str | None:
    """A CLP is never deleted (there is one per constituency), nor a unit with register
    entries or reports, which would go with it or lose their unit."""
    if unit.kind == PartyUnit.Kind.CLP:
        return "A CLP can't be deleted: there is one for every constituency."
    if unit.presence.exists() or unit.reports.exists():
        return (
            f"{unit} has register entries or reports. Remove or move its entries "
            "first; reports are kept."
        )
    return None


@transaction.atomic
def delete_unit(unit: PartyUnit, *, by) -> None:
    """Delete a branch or forum, keeping a note of it in the audit log. Raises
    ValidationError, deleting nothing, for a CLP or a unit with entries or reports."""
    refusal = why_unit_cannot_be_deleted(unit)
    if refusal:
        raise ValidationError(refusal)
    audit.record(
        "unit.deleted",
        f"Deleted {unit.get_kind_display()} {unit.name}",
        actor=by,
        constituency=unit.constituency,
        kind=unit.kind,
        name=unit.name,
    )
    unit.delete()
