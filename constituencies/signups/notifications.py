"""The emails a person gets about their sign-up, from the constituency, each naming the
event and how to cancel: first a request to confirm their address (the place is held
meanwhile); once confirmed, their place with the event as an .ics attachment (or their
place on the waiting list); and the day before the event a reminder with its details,
whose List-Unsubscribe header is the cancel link.

Each is written in the language the person signed up in: call these under
`translation.override(signup.language)` (places._notify and reminders do). Its links lead
to the same language's pages (/cy/sign-ups/.../confirm/), and it names the event as the
page in that language does when it is published."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from constituencies.calendars import event_calendar
from constituencies.constituency_email import Sender, constituency_email, sender_for
from constituencies.models import Constituency

from .models import EventSignup, event_in_language, event_path, readable_moment

Status = EventSignup.Status

SUBJECTS = {
    Status.CONFIRMED: gettext_lazy("You're signed up: %(title)s"),
    Status.WAITLISTED: gettext_lazy("You're on the waiting list: %(title)s"),
    Status.CANCELLED: gettext_lazy("Your place is cancelled: %(title)s"),
}
PENDING_SUBJECTS = {
    Status.CONFIRMED: gettext_lazy("Confirm your place: %(title)s"),
    Status.WAITLISTED: gettext_lazy("Confirm your place on the waiting list: %(title)s"),
}
PROMOTED_PENDING_SUBJECT = gettext_lazy("A place has freed up, confirm it: %(title)s")
REMINDER_SUBJECT = pgettext_lazy("reminder email subject", "Tomorrow: %(title)s")
# What the footer's cancel link says, by status (a cancelled place has none).
CANCEL_LINKS = {
    Status.CONFIRMED: (
        gettext_lazy("Can't come any more? Cancel your place so someone else can have it"),
        gettext_lazy("Cancel my place"),
    ),
    Status.WAITLISTED: (
        gettext_lazy("To leave the waiting list"),
        gettext_lazy("Leave the waiting list"),
    ),
}


def _where(event) -> str:
    parts = (event.venue, event.address.replace("\n", ", "), event.postcode)
    return ", ".join(part.strip() for part in parts if part.strip())


def _email(
    signup: EventSignup, sender: Sender, constituency, *, subject: str, template: str, **extra
) -> EmailMultiAlternatives:
    # As the person read it: its page in their language when it has one.
    event = event_in_language(signup.event, signup.language)
    # The event's address from `constituency`, which holds its domain: a run of reminders
    # looks it up once, not twice per email.
    path = event_path(event)
    event_url = constituency.url_for(path=path)
    context = {
        "signup": signup,
        "event": event,
        "event_url": event_url,
        "calendar_url": constituency.url_for(path=f"{path}ics/"),
        "where": _where(event),
        **extra,
    }
    if signup.status in CANCEL_LINKS:
        context["cancel_url"] = cancel_url(signup, constituency)
        context["cancel_text"], context["cancel_link_text"] = CANCEL_LINKS[signup.status]
    return constituency_email(
        sender,
        subject=subject % {"title": event.title},
        template=template,
        context=context,
        to=[signup.email],
        why=_(
            "You're getting this email because you signed up to %(event)s on the %(party)s website."
        )
        % {"event": event.title, "party": sender.name},
    )


def _link(signup: EventSignup, constituency, name: str) -> str:
    # In the person's language whatever is active: /cy/sign-ups/... for Welsh.
    language = signup.language if signup.language in dict(settings.LANGUAGES) else None
    with translation.override(language or settings.LANGUAGE_CODE):
        return constituency.url_for(
            path=reverse(name, urlconf=settings.ROOT_URLCONF, args=[signup.token])
        )


def cancel_url(signup: EventSignup, constituency) -> str:
    return _link(signup, constituency, "signup_cancel")


def confirm_url(signup: EventSignup, constituency) -> str:
    return _link(signup, constituency, "signup_confirm")


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
        # The event in the person's language, as the email around it.
        event = event_in_language(signup.event, signup.language)
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
