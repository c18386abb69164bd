"""The emails a person gets about their sign-up, each naming the event and how to
cancel; a confirmed place comes with the event as an .ics attachment."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from constituencies.calendars import event_calendar
from constituencies.models import Constituency

from .models import EventSignup

SUBJECTS = {
    EventSignup.Status.CONFIRMED: "You're signed up: {title}",
    EventSignup.Status.WAITLISTED: "You're on the waiting list: {title}",
    EventSignup.Status.CANCELLED: "Your place is cancelled: {title}",
}


def signup_email(signup: EventSignup, promoted: bool = False) -> EmailMessage:
    constituency = Constituency.objects.current()
    event = signup.event
    context = {
        "signup": signup,
        "event": event,
        "constituency": constituency,
        "event_url": event.absolute_url(),
        "cancel_url": constituency.url_for(path=f"/sign-ups/{signup.token}/cancel/"),
        "promoted": promoted,
    }
    message = EmailMessage(
        subject=SUBJECTS[signup.status].format(title=event.title),
        body=render_to_string(f"signups/email/{signup.status}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[signup.email],
    )
    if signup.status == EventSignup.Status.CONFIRMED:
        message.attach(
            f"{event.slug}.ics", event_calendar(constituency, event).to_ical(), "text/calendar"
        )
    return message
