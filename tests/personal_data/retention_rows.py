"""Rows of every kind with a retention rule, made with their retention clock started at
a chosen time, for the retention tests."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.utils import timezone

from campaigns.models import Action, Audience, CampaignPledge, NationalCampaign
from constituencies.contact.models import ContactMessage
from constituencies.models import Constituency
from constituencies.signups.models import EventSignup
from constituencies.website.models import EventIndexPage, EventPage
from governance.models import AccountReport, AuditEvent, ReportEvent
from membersnet.members.models import MemberImport
from outbox.models import OutgoingEmail
from personal_data.models import PersonalDataRequest

DAY = dt.timedelta(days=1)
HUB, CONSTITUENCIES = "hub", "constituencies"


def event_ending(title, ends_at):
    page = EventPage(
        title=title, summary="An event.", starts_at=ends_at - dt.timedelta(hours=2), ends_at=ends_at
    )
    EventIndexPage.objects.get(locale__language_code="en-gb").add_child(instance=page)
    return page


def signup_to(event, name, status=EventSignup.Status.CONFIRMED, **fields):
    return EventSignup.objects.create(
        event=event,
        name=name,
        email=f"{name.replace(' ', '.')}@example.org",
        consent_text="I agree.",
        status=status,
        retain_until=timezone.now() + 400 * DAY,
        **fields,
    )


def signup_after_event(label, started):
    signup_to(event_ending(f"Event of {label}", started), label)


def cancelled_signup(label, started):
    cancelled = signup_to(
        event_ending(f"Event of {label}", timezone.now() + 7 * DAY),
        label,
        EventSignup.Status.CANCELLED,
    )
    EventSignup.objects.filter(pk=cancelled.pk).update(status_changed_at=started)


def message(status):
    def make(label, started):
        made = ContactMessage.objects.create(
            name="Sam Sender",
            email="sam@example.org",
            postcode="BS5 6AB",
            subject=label,
            message="Please save the number 48 bus.",
            recipient_name="Jo MP",
            recipient_email="mp@example.org",
            status=status,
            retain_until=timezone.now() + 400 * DAY,
        )
        ContactMessage.objects.filter(pk=made.pk).update(created_at=started)

    return make


def email(label, started):
    OutgoingEmail.objects.create(
        subject=label,
        body="Hello",
        from_email="hub@example.org",
        to=["someone@example.org"],
        state=OutgoingEmail.State.SENT,
        queued_at=started - dt.timedelta(minutes=5),
        sent_at=started,
    )


def pledge(label, started):
    ends_on = timezone.localdate(started)
    campaign = NationalCampaign.objects.create(
        slug=f"campaign-{label.lower().replace(' ', '-')}",
        title=f"Campaign of {label}",
        summary="A campaign.",
        starts_on=ends_on - 30 * DAY,
        ends_on=ends_on,
        action=Action.PLEDGE,
        pledge_text="I back it.",
        audience=Audience.ALL,
        is_published=True,
    )
    CampaignPledge.objects.create(
        campaign=campaign,
        constituency=Constituency.objects.sites().first(),
        name=label,
        email="signer@example.org",
        postcode="TF1 1AA",
        consent_text="Yes",
        retain_until=timezone.now() + 400 * DAY,
    )


def closed_report(label, started):
    report = AccountReport.objects.create(
        account=f"@{label.replace(' ', '_')}",
        reason=AccountReport.Reason.OTHER,
        details="It claims to be us.",
        reporter_name=label,
        reporter_email="reporter@example.org",
        status=AccountReport.Status.RESOLVED_REMOVED,
    )
    step = ReportEvent.objects.create(
        report=report, from_status="new", to_status=AccountReport.Status.RESOLVED_REMOVED
    )
    ReportEvent.objects.filter(pk=step.pk).update(at=started)
    AccountReport.objects.filter(pk=report.pk).update(updated_at=started - dt.timedelta(hours=1))


def audit(label, started):
    AuditEvent.objects.create(action="test.retention", summary=label, at=started)


def data_request(label, started, file=False):
    request = PersonalDataRequest.objects.create(
        kind=PersonalDataRequest.Kind.EXPORT, email=f"{label.replace(' ', '.')}@example.org"
    )
    if file:
        request.file.save("export.zip", ContentFile(b"zip"), save=True)
    PersonalDataRequest.objects.filter(pk=request.pk).update(
        created_at=started - dt.timedelta(minutes=10), finished_at=started
    )


def member_import(label, started, file=False):
    made = MemberImport.objects.create(file_name=label, send_invitations=False)
    if file:
        made.file.save("members.csv", ContentFile(b"csv"), save=True)
    MemberImport.objects.filter(pk=made.pk).update(created_at=started)


@dataclass
class Case:
    period: str
    where: str
    make: Callable
    left: Callable  # the labels of rows still there (and not anonymised)


CASES = [
    Case(
        "signups",
        CONSTITUENCIES,
        signup_after_event,
        lambda: set(EventSignup.objects.values_list("name", flat=True)),
    ),
    Case(
        "cancelled_signups",
        CONSTITUENCIES,
        cancelled_signup,
        lambda: set(EventSignup.objects.values_list("name", flat=True)),
    ),
    Case(
        "messages",
        CONSTITUENCIES,
        message(ContactMessage.Status.DELIVERED),
        lambda: set(ContactMessage.objects.values_list("subject", flat=True)),
    ),
    Case(
        "unconfirmed_messages",
        CONSTITUENCIES,
        message(ContactMessage.Status.AWAITING_CONFIRMATION),
        lambda: set(ContactMessage.objects.values_list("subject", flat=True)),
    ),
    Case(
        "emails",
        CONSTITUENCIES,
        email,
        lambda: set(OutgoingEmail.objects.values_list("subject", flat=True)),
    ),
    Case(
        "emails", HUB, email, lambda: set(OutgoingEmail.objects.values_list("subject", flat=True))
    ),
    Case(
        "pledges", HUB, pledge, lambda: set(CampaignPledge.objects.values_list("name", flat=True))
    ),
    Case(
        "account_reporters",
        HUB,
        closed_report,
        lambda: set(
            AccountReport.objects.exclude(reporter_name="").values_list("reporter_name", flat=True)
        ),
    ),
    Case(
        "audit_log",
        HUB,
        audit,
        lambda: set(
            AuditEvent.objects.filter(action="test.retention").values_list("summary", flat=True)
        ),
    ),
    Case(
        "data_requests",
        HUB,
        data_request,
        lambda: {
            e.split("@")[0].replace(".", " ")
            for e in PersonalDataRequest.objects.values_list("email", flat=True)
        },
    ),
    Case(
        "data_request_files",
        HUB,
        lambda label, started: data_request(label, started, file=True),
        lambda: {
            e.split("@")[0].replace(".", " ")
            for e in PersonalDataRequest.objects.exclude(file="").values_list("email", flat=True)
        },
    ),
    Case(
        "member_imports",
        HUB,
        member_import,
        lambda: set(MemberImport.objects.values_list("file_name", flat=True)),
    ),
    Case(
        "member_import_files",
        HUB,
        lambda label, started: member_import(label, started, file=True),
        lambda: set(MemberImport.objects.exclude(file="").values_list("file_name", flat=True)),
    ),
]


def started(period, days_either_side):
    """When a row's retention clock started: `days_either_side` past its period (or,
    negative, short of it)."""
    return NOW - dt.timedelta(
        days=django_settings.PERSONAL_DATA_RETENTION[period] + days_either_side
    )


NOW = timezone.now()
OLD, RECENT = "one day past", "one day short"
