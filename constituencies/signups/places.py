"""Signing up to an event (or to some of its shifts), cancelling, and moving people up
from the waiting list.

Every change locks the event's row first, so sign-ups for one event are decided one
at a time: however many arrive at once, no more than `capacity` are ever confirmed
(the event's, or each shift's), and each waiting list keeps its order.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from constituencies.page_cache import purge_paths
from constituencies.site_names import site_name_from
from outbox.queueing import queue_email
from privacy import consent as consent_wordings

from .models import EventShift, EventSignup, signup_event
from .notifications import signup_email


class SignupsClosed(ValidationError):
    pass


class AlreadySignedUp(Exception):
    """This email address already has a place (or a place in the queue) at the event.
    Carries that sign-up, whose details have been emailed to its owner again."""

    def __init__(self, signup):
        super().__init__("Already signed up")
        self.signup = signup


class CannotConfirm(ValidationError):
    """The sign-up was cancelled, or its hold passed before it was confirmed."""


def consent_text(constituency_name: str, welsh_name: str = "") -> str:
    """The sign-up form's consent wording today, for this site, in the active language."""
    return consent_wordings.current("signup").text_in(
        translation.get_language(),
        party=site_name_from(constituency_name, welsh_name),
        months=consent_wordings.months(settings.PERSONAL_DATA_RETENTION["signups"]),
    )


def _consent_fields(text: str) -> dict:
    # `text` is what the form showed: the current wording, filled in for the site.
    return consent_wordings.Consent.given(consent_wordings.current("signup"), text).fields()


def _hold_until(event, shift) -> dt.datetime:
    """How long a pending sign-up holds its place: SIGNUP_CONFIRMATION_HOURS, but never
    past the start (of the shift, or the event); a shift already under way, until its
    end."""
    now = timezone.now()
    starts, ends = (shift.starts_at, shift.ends_at) if shift else (event.starts_at, None)
    latest = starts if starts > now else (ends or event.finishes_at or starts)
    return min(now + dt.timedelta(hours=settings.SIGNUP_CONFIRMATION_HOURS), latest)


def _retain_until(event) -> dt.datetime:
    # A shift may run past the event's own end: people's data is kept until the last.
    last_shift = event.shifts.aggregate(last=models.Max("ends_at"))["last"]
    finishes = max(filter(None, (event.finishes_at, last_shift)))
    return finishes + dt.timedelta(days=settings.PERSONAL_DATA_RETENTION["signups"])


def locked(event):
    """The event, its row locked: sign-ups for it are decided one at a time."""
    return type(event).objects.select_for_update().get(pk=event.pk)


def _notify(signup, *, promoted: bool = False) -> None:
    """Email the person (through the outbox, in the caller's transaction), and retire
    cached copies of the event page: it shows the places left."""
    about = "signups.pending" if signup.is_pending else f"signups.{signup.status}"
    # Rendered now, in the person's language: the outbox stores the finished email, so a
    # retried send is the same Welsh (or English) email.
    with translation.override(signup.language):
        queue_email(signup_email(signup, promoted=promoted), about=about)
    EventSignup.objects.filter(pk=signup.pk).update(notified_status=signup.status)
    purge_paths(_paths_showing_places(signup.event))


def _paths_showing_places(event) -> list[str]:
    """The pages showing the event's places, in each language it is published in."""
    translations = event.get_translations(inclusive=True).live().specific()
    return list(
        dict.fromkeys(path for page in translations for path in page.paths_showing_places())
    )


def sign_up(
    event, *, name: str, email: str, phone: str = "", consent: str, language: str = ""
) -> EventSignup:
    """Give this person a place, or a place on the waiting list if the event is full.
    Raises ValidationError if sign-ups are closed, and AlreadySignedUp if the address
    already has a place (whose owner is then emailed their details again). `language`
    (the active one by default) is the one their emails are written in."""
    event = signup_event(event)
    language = language or translation.get_language()
    try:
        return _take_place(
            event, name=name, email=email, phone=phone, consent=consent, language=language
        )
    except IntegrityError:
        existing = EventSignup.objects.active().get(
            event=event, shift=None, email__iexact=email.strip()
        )
        _resend(existing)
        raise AlreadySignedUp(existing) from None


@transaction.atomic
def _take_place(event, *, name, email, phone, consent, language) -> EventSignup:
    event = locked(event)
    if not event.takes_signups:
        raise SignupsClosed(_("Sign-ups for this event are closed."))
    if event.shifts.exists():
        raise ValidationError({"shifts": _("Pick at least one shift.")})
    release_expired(event)
    signup = _new_signup(
        event, None, name=name, email=email, phone=phone, consent=consent, language=language
    )
    _notify(signup)
    return signup


def _new_signup(event, shift, *, name, email, phone, consent, language) -> EventSignup:
    """A pending place, or a pending place on the waiting list when the event (or the
    shift) is full: held until its owner confirms, or the hold passes. Call with the
    event's row locked."""
    places = EventSignup.objects.places_for(event, shift)
    status = EventSignup.Status.WAITLISTED if places.is_full else EventSignup.Status.CONFIRMED
    return EventSignup.objects.create(
        event=event,
        shift=shift,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        status=status,
        hold_until=_hold_until(event, shift),
        retain_until=_retain_until(event),
        language=language,
        **_consent_fields(consent),
    )


def sign_up_for_shifts(
    event, shifts, *, name: str, email: str, phone: str = "", consent: str, language: str = ""
) -> list[EventSignup]:
    """Give this person a place on each of these shifts of the event (or a place on a
    full shift's waiting list): all of them, or none if any cannot be had. Shifts the
    address already holds are kept, and their details emailed again; if it holds them
    all, raises AlreadySignedUp. Raises ValidationError if sign-ups are closed, or a
    shift is not this event's or has finished. `language` as for `sign_up`."""
    event = signup_event(event)
    language = language or translation.get_language()
    try:
        created, held = _take_shift_places(
            event, shifts, name=name, email=email, phone=phone, consent=consent, language=language
        )
    except IntegrityError:
        # Only the same address submitting twice at the same moment gets here: the
        # event's lock makes the check for places already held exact otherwise.
        created, held = (
            [],
            list(
                EventSignup.objects.active().filter(shift__in=shifts, email__iexact=email.strip())
            ),
        )
        for signup in held:
            _resend(signup)
    if not created:
        raise AlreadySignedUp(held[0])
    return created


@transaction.atomic
def _take_shift_places(event, shifts, *, name, email, phone, consent, language):
    event = locked(event)
    if not event.takes_signups:
        raise SignupsClosed(_("Sign-ups for this event are closed."))
    wanted = {shift.pk for shift in shifts}
    if not wanted:
        raise ValidationError({"shifts": _("Pick at least one shift.")})
    chosen = list(EventShift.objects.filter(event=event, pk__in=wanted).order_by("sort_order"))
    if len(chosen) != len(wanted):
        raise ValidationError({"shifts": _("Pick shifts of this event.")})
    for shift in chosen:
        if shift.is_past:
            raise ValidationError(
                {"shifts": _("The shift %(times)s has finished.") % {"times": shift.times}}
            )
    release_expired(event)
    held = {
        signup.shift_id: signup
        for signup in EventSignup.objects.active().filter(
            shift__in=chosen, email__iexact=email.strip()
        )
    }
    created = []
    for shift in chosen:
        if shift.pk in held:
            _notify(held[shift.pk])
            continue
        signup = _new_signup(
            event, shift, name=name, email=email, phone=phone, consent=consent, language=language
        )
        _notify(signup)
        created.append(signup)
    return created, list(held.values())


@transaction.atomic
def _resend(signup: EventSignup) -> None:
    # Whether someone is going to a party event is private: the visitor is told what any
    # new sign-up is told, and the address's owner is sent their details again.
    _notify(signup)


@transaction.atomic
def cancel(signup: EventSignup) -> EventSignup:
    """Cancel this place. If it was confirmed, the first person waiting is moved up."""
    event = locked(signup.event)
    signup = EventSignup.objects.select_for_update().get(pk=signup.pk)
    if signup.status == EventSignup.Status.CANCELLED:
        return signup
    signup.status = EventSignup.Status.CANCELLED
    signup.status_changed_at = timezone.now()
    signup.save(update_fields=["status", "status_changed_at"])
    _notify(signup)
    promote_from_waiting_list(event, signup.shift)
    return signup


@transaction.atomic
def confirm(signup: EventSignup) -> EventSignup:
    """Its owner pressed "Confirm" on their link's page: the place (or waiting-list
    position) it holds now counts, and they are emailed its details. Confirming again
    changes nothing. Raises CannotConfirm if it was cancelled, or its hold passed."""
    locked(signup.event)
    signup = EventSignup.objects.select_for_update().select_related("event").get(pk=signup.pk)
    if not signup.is_active:
        raise CannotConfirm(_("This sign-up was cancelled, so there is nothing to confirm."))
    if signup.confirmed_at is not None:
        return signup
    if signup.has_expired:
        raise CannotConfirm(
            _(
                "This link has expired: we held your place for a while, but it was not "
                "confirmed in time. Please sign up again."
            )
        )
    signup.confirmed_at = timezone.now()
    signup.hold_until = None
    signup.save(update_fields=["confirmed_at", "hold_until"])
    _notify(signup)
    return signup


def release_expired(event) -> list[EventSignup]:
    """Delete the event's pending sign-ups whose hold has passed (they held places
    nobody confirmed), and fill the places from the waiting lists, as a cancellation
    does. Their owners are not emailed: the address was never confirmed. Call with the
    event's row locked; returns the people moved up."""
    expired = EventSignup.objects.expired().filter(event=event)
    shifts = set(expired.values_list("shift", flat=True))
    if not shifts:
        return []
    for signup in expired:
        signup.delete()
    promoted = []
    for shift_id in shifts:
        shift = None if shift_id is None else EventShift.objects.get(pk=shift_id)
        promoted += promote_from_waiting_list(event, shift)
    purge_paths(event.paths_showing_places())
    return promoted


def promote_from_waiting_list(event, shift=None) -> list[EventSignup]:
    """Fill any free places of the event (or of one of its shifts) from its waiting
    list, first come first served (pending sign-ups within their hold keep their turn;
    moved up, they still need confirming). Call with the event's row locked (inside
    `cancel`, `release_expired`, or after raising a capacity)."""
    places = EventSignup.objects.places_for(event, shift)
    free = places.waiting if places.capacity is None else places.left
    promoted = list(
        EventSignup.objects.holding()
        .select_for_update()
        .filter(event=event, shift=shift, status=EventSignup.Status.WAITLISTED)
        .order_by("created_at", "pk")[:free]
    )
    now = timezone.now()
    for signup in promoted:
        signup.status = EventSignup.Status.CONFIRMED
        signup.status_changed_at = now
        signup.save(update_fields=["status", "status_changed_at"])
        _notify(signup, promoted=True)
    return promoted


@transaction.atomic
def event_changed(event) -> list[EventSignup]:
    """After an officer publishes changes to an event: people waiting move up into any
    new places (of the event or of its shifts), and everyone's data is kept until the
    (possibly moved) event's end plus the retention period, as their consent said."""
    event = locked(event)
    EventSignup.objects.filter(event=event).update(retain_until=_retain_until(event))
    promoted = promote_from_waiting_list(event)
    for shift in event.shifts.all():
        promoted += promote_from_waiting_list(event, shift)
    return promoted
