"""The emails a person gets about their sign-up, from the constituency, each naming the
event and how to cancel: first a request to confirm their address (the place is held
meanwhile); once confirmed, their place with the event as an .ics attachment (or their
place on the waiting list); and the day before the event a reminder with its details,
whose List-Unsubscribe header is the cancel link."""

from django.core.mail import EmailMultiAlternatives

from constituencies.calendars import event_calendar
from constituencies.constituency_email import Sender, constituency_email, sender_for
from constituencies.models import Constituency

from .models import EventSignup, readable_moment

Status = EventSignup.Status

SUBJECTS = {
    Status.CONFIRMED: "You're signed up: {title}",
    Status.WAITLISTED: "You're on the waiting list: {title}",
    Status.CANCELLED: "Your place is cancelled: {title}",
}
PENDING_SUBJECTS = {
    Status.CONFIRMED: "Confirm your place: {title}",
    Status.WAITLISTED: "Confirm your place on the waiting list: {title}",
}
PROMOTED_PENDING_SUBJECT = "A place has freed up, confirm it: {title}"
REMINDER_SUBJECT = "Tomorrow: {title}"
# What the footer's cancel link says, by status (a cancelled place has none).
CANCEL_LINKS = {
    Status.CONFIRMED: (
        "Can't come any more? Cancel your place so someone else can have it",
        "Cancel my place",
    ),
    Status.WAITLISTED: ("To leave the waiting list", "Leave the waiting list"),
}


def _where(event) -> str:
    parts = (event.venue, event.address.replace("\n", ", "), event.postcode)
    return ", ".join(part.strip() for part in parts if part.strip())


def _email(
    signup: EventSignup, sender: Sender, constituency, *, subject: str, template: str, **extra
) -> EmailMultiAlternatives:
    event = signup.event
    # The event's address from `constituency`, which holds its domain: a run of reminders
    # looks it up once, not twice per email.
    event_url = constituency.url_for(path=event.url)
    context = {
        "signup": signup,
        "event": event,
        "event_url": event_url,
        "calendar_url": constituency.url_for(path=f"{event.url}ics/"),
        "where": _where(event),
        **extra,
    }
    if signup.status in CANCEL_LINKS:
        context["cancel_url"] = cancel_url(signup, constituency)
        context["cancel_text"], context["cancel_link_text"] = CANCEL_LINKS[signup.status]
    return constituency_email(
        sender,
        subject=subject.format(title=event.title),
        template=template,
        context=context,
        to=[signup.email],
        why=f"You're getting this email because you signed up to {event.title} "
        f"on the {sender.name} website.",
    )


def cancel_url(signup: EventSignup, constituency) -> str:
    return constituency.url_for(path=f"/sign-ups/{signup.token}/cancel/")


def confirm_url(signup: EventSignup, constituency) -> str:
    return constituency.url_for(path=f"/sign-ups/{signup.token}/confirm/")


def signup_email(signup: EventSignup, promoted: bool = False) -> EmailMultiAlternatives:
    """What a person is told when they sign up and must confirm (or, pending, are moved
    up from the waiting list), when their place is confirmed (or they are moved up),
    waitlisted, or cancelled."""
    constituency = Constituency.objects.current()
    if signup.is_pending:
        return _email(
            signup,
            sender_for(constituency),
            constituency,
            subject=PROMOTED_PENDING_SUBJECT if promoted else PENDING_SUBJECTS[signup.status],
            template="signups/email/pending",
            promoted=promoted,
            confirm_url=confirm_url(signup, constituency),
            hold_until=readable_moment(signup.hold_until),
        )
    message = _email(
        signup,
        sender_for(constituency),
        constituency,
        subject=SUBJECTS[signup.status],
        template=f"signups/email/{signup.status}",
        promoted=promoted,
    )
    if signup.status == Status.CONFIRMED:
        event = signup.event
        # Only the shift this place is for, not the activity's other shifts.
        shifts = [signup.shift] if signup.shift_id else None
        message.attach(
            f"{event.slug}.ics",
            event_calendar(constituency, event, shifts=shifts).to_ical(),
            "text/calendar",
        )
    return message


def reminder_email(signup: EventSignup, sender: Sender, constituency) -> EmailMultiAlternatives:
    """The day-before reminder of a confirmed place. `sender` and `constituency` are
    read once for all of a run's reminders. Mail programs offer its List-Unsubscribe
    link (the cancel page) as their own "unsubscribe" button."""
    message = _email(
        signup,
        sender,
        constituency,
        subject=REMINDER_SUBJECT,
        template="signups/email/reminder",
    )
    message.extra_headers["List-Unsubscribe"] = f"<{cancel_url(signup, constituency)}>"
    return message
