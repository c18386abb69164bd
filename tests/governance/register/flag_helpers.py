"""What the flag tests share: the day they happen on, people, appointments, register
entries and open flags."""

import datetime as dt

from django.utils import timezone

from constituencies.models import Constituency
from governance.models import (
    Flag,
    PresenceEntry,
)
from membersnet.members.models import Member
from roles.appointments import appoint
from roles.models import Role
from tests.conftest import CONSTITUENCY_A
from tests.factories import MemberFactory, UserFactory, give_membership

NO_ADMINISTRATOR = Flag.Kind.NO_ADMINISTRATOR
NO_CURRENT_CONTROLLER = Flag.Kind.NO_CURRENT_CONTROLLER
NOT_REVIEWED = Flag.Kind.NOT_REVIEWED
DAY = dt.date(2026, 6, 15)
ONE_DAY = dt.timedelta(days=1)


def person(email):
    """Someone with an account and a member record (officers are members)."""
    user = UserFactory(email=email)
    MemberFactory(
        user=user,
        email=email,
        name=user.get_full_name(),
        constituency=Constituency.objects.get(gss_code=CONSTITUENCY_A["gss_code"]),
    )
    return user


def hold(user, constituency, role=Role.SECRETARY, *, starts_on, ends_on=None):
    """Appoint `user`, a member of the CLP they hold office in (officers must be): a
    person() of constituency A appointed in B becomes a member of B."""
    Member.objects.filter(user=user).update(constituency=constituency)
    give_membership(user, constituency)
    return appoint(
        user=user, constituency=constituency, role=role, starts_on=starts_on, ends_on=ends_on
    )


def entry(unit, *controllers, handle="@TestfordLabour", reviewed_on=None):
    made = PresenceEntry.objects.create(
        unit=unit,
        platform=PresenceEntry.Platform.X,
        handle=handle,
        purpose="Campaign updates.",
        credentials_note="In the CLP's password manager.",
        last_reviewed_on=reviewed_on or timezone.localdate(),
    )
    made.controllers.set(controllers)
    return made


def open_flag(kind, unit, entry=None):
    return Flag.objects.filter(kind=kind, unit=unit, entry=entry, resolved_on__isnull=True).first()
