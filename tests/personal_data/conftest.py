"""A person whose data is spread over the hub and three constituencies' schemas, beside
someone else's, for subject access, erasure and retention tests."""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from constituencies.contact.models import ContactMessage
from constituencies.models import Constituency
from constituencies.provisioning import provision_constituency
from constituencies.signups.models import EventSignup
from governance import audit
from governance.models import AccountReport, PresenceEntry, SignInHolder
from governance.register.units import ensure_clp_unit
from membersnet.training.models import Course, CourseCompletion
from tests.factories import add_event, make_member

CONSTITUENCY_C = {"name": "Testford East", "gss_code": "S14999903", "slug": "testford-east"}

ADA = "ada.lovelace@example.org"
ADA_OLD = "ada@old-address.example.org"  # her member record's address
OTHER = "grace.hopper@example.org"


@dataclass
class Seeded:
    email: str
    other_addresses: list[str]
    user: object
    schemas: list[str]
    records: dict[str, int] = field(default_factory=dict)  # kind -> how many of hers


@pytest.fixture
def clp_c(db):
    existing = Constituency.objects.filter(gss_code=CONSTITUENCY_C["gss_code"]).first()
    return existing or provision_constituency(
        **CONSTITUENCY_C, override_reason="A test constituency"
    )


def _member(constituency, email, first_name, last_name, member_email=None):
    user = make_member(constituency, email=email)
    user.first_name, user.last_name = first_name, last_name
    user.save()
    user.member.name = f"{first_name} {last_name}"
    user.member.email = member_email or email
    user.member.save()
    return user


def _signup(event, name, email, status=EventSignup.Status.CONFIRMED):
    return EventSignup.objects.create(
        event=event,
        name=name,
        email=email,
        phone="07700 900123",
        consent_text="I agree.",
        status=status,
        retain_until=timezone.now() + dt.timedelta(days=365),
    )


def _message(name, email):
    return ContactMessage.objects.create(
        name=name,
        email=email,
        postcode="TE1 1ST",
        subject="Buses",
        message=f"From {name}: the number 12 bus never comes.",
        recipient_name="Jo MP",
        recipient_email="jo.mp@parliament.example",
        status=ContactMessage.Status.DELIVERED,
        retain_until=timezone.now() + dt.timedelta(days=365),
    )


@pytest.fixture
def seeded_person(clp_a, clp_b, clp_c, in_schema):
    """Ada Lovelace: a member of A with an account (her member record has an older
    address), trained, a sign-up in A, a waiting-list place in B, messages to the MP
    in A and C (one from her old address), a report of an account, and a register
    entry naming her. Grace Hopper has the same kinds of records beside hers."""
    ada = _member(clp_a, ADA, "Ada", "Lovelace", member_email=ADA_OLD)
    _member(clp_a, OTHER, "Grace", "Hopper")
    course = Course.objects.create(
        title="Publishing on your CLP site", slug="publishing-pd", summary="How to publish."
    )
    CourseCompletion.objects.create(user=ada, course=course, name_on_certificate="Ada Lovelace")
    unit = ensure_clp_unit(clp_a)
    AccountReport.objects.create(
        unit=unit,
        account="@testford_fake",
        reason=AccountReport.Reason.NOT_ON_REGISTER,
        details="It claims to be us.",
        reporter_name="Ada Lovelace",
        reporter_email=ADA,
    )
    AccountReport.objects.create(
        unit=unit,
        account="@testford_fake2",
        reason=AccountReport.Reason.NOT_ON_REGISTER,
        details="It claims to be us too.",
        reporter_name="Grace Hopper",
        reporter_email=OTHER,
    )
    entry = PresenceEntry.objects.create(
        unit=unit,
        platform=PresenceEntry.Platform.X,
        handle="@testford_labour",
        url="https://x.com/testford_labour",
        purpose="Campaign updates.",
        credentials_note="In the CLP's password manager.",
        recovery_email=ADA,
    )
    SignInHolder.objects.create(entry=entry, name="Ada Lovelace", email=ADA)
    SignInHolder.objects.create(entry=entry, name="Grace Hopper", email=OTHER)

    audit.record(
        "member.viewed", "Member record viewed", record="members.Member:1", people=[ADA_OLD]
    )
    audit.record("member.viewed", "Member record viewed", record="members.Member:2", people=[OTHER])

    with in_schema(clp_a):
        rally = add_event("Spring rally")
        _signup(rally, "Ada Lovelace", ADA)
        _signup(rally, "Grace Hopper", OTHER)
        _message("Ada Lovelace", ADA)
        _message("Grace Hopper", OTHER)
    with in_schema(clp_b):
        canvass = add_event("Doorstep canvass", capacity=1)
        _signup(canvass, "Grace Hopper", OTHER)
        _signup(canvass, "Ada Lovelace", ADA.upper(), status=EventSignup.Status.WAITLISTED)
    with in_schema(clp_c):
        _message("Ada Lovelace", ADA_OLD)
        _message("Grace Hopper", OTHER)
    return Seeded(
        email=ADA,
        other_addresses=[ADA_OLD],
        user=ada,
        schemas=[clp_a.schema_name, clp_b.schema_name, clp_c.schema_name],
        records={
            "signups.eventsignup": 2,
            "contact.contactmessage": 2,
            "governance.accountreport": 1,
            "governance.presenceentry": 1,
            "governance.signinholder": 1,
            "training.coursecompletion": 1,
            "members.member": 1,
            "accounts.user": 1,
            "governance.auditevent": 1,
        },
    )
