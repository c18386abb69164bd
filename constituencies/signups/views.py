from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from labourhub.form_errors import apply_validation_error
from labourhub.public_forms import over_the_limit

from . import places
from .forms import SignupForm
from .models import EventSignup, event_in_language, signup_event


def _check_your_email() -> str:
    """What a visitor is told after signing up (the same whether or not the address
    was signed up already)."""
    hours = settings.SIGNUP_CONFIRMATION_HOURS
    return ngettext(
        "Check your email: open the link we sent and press Confirm, within %(hours)d hour "
        "(or before the start, if that's sooner), or we give the place to someone else.",
        "Check your email: open the link we sent and press Confirm, within %(hours)d hours "
        "(or before the start, if that's sooner), or we give the place to someone else.",
        hours,
    ) % {"hours": hours}


def sign_up(request, event):
    """The sign-up form of an event (a route on EventPage: <event>/sign-up/), in the
    page's language: on a translation, places are taken on the event it translates."""
    consent = places.consent_text(request.tenant.name, request.tenant.welsh_name)
    form = SignupForm(
        request.POST if request.method == "POST" else None,
        consent_text=consent,
        event=signup_event(event),
    )
    context = {
        "page": event,
        "form": form,
        "places": event.places,
        "confirmation_hours": settings.SIGNUP_CONFIRMATION_HOURS,
    }
    if request.method != "POST":
        return render(request, "signups/sign_up.html", context)
    refused = over_the_limit(
        request,
        group="event-signup",
        rate=settings.SIGNUP_RATE_LIMIT,
        template="signups/sign_up.html",
        context=context,
    )
    if refused:
        return refused
    if not form.is_valid():
        return render(request, "signups/sign_up.html", context, status=400)
    if form.is_spam:
        messages.success(request, _check_your_email())
        return redirect(event.get_url(request))
    details = {
        "name": form.cleaned_data["name"],
        "email": form.cleaned_data["email"],
        "phone": form.cleaned_data["phone"],
        "consent": consent,
        "language": request.LANGUAGE_CODE,
    }
    try:
        if "shifts" in form.cleaned_data:
            waiting = _sign_up_for_shifts(event, form.cleaned_data["shifts"], details)
        else:
            waiting = _sign_up(event, details)
    except ValidationError as error:
        apply_validation_error(form, error)
        return render(request, "signups/sign_up.html", context, status=400)
    # The message names nobody: it travels in a cookie, and it reads the same whether or
    # not the address was already signed up.
    if waiting:
        messages.info(request, f"{waiting} {_check_your_email()}")
    else:
        holding = _("We're holding your place.")
        messages.success(request, f"{holding} {_check_your_email()}")
    return redirect(event.get_url(request))


def _sign_up(event, details) -> str | None:
    """Sign up to an event without shifts: what to tell a person put on the waiting list."""
    try:
        signup = places.sign_up(event, **details)
        full = signup.status == EventSignup.Status.WAITLISTED
    except places.AlreadySignedUp:
        full = event.places.is_full
    if full:
        return _(
            "This event is full, so we're keeping you a place on the waiting list. We'll "
            "email you as soon as a place frees up."
        )
    return None


def _sign_up_for_shifts(event, shifts, details) -> str | None:
    """Sign up to some shifts: what to tell a person put on any waiting list."""
    try:
        signups = places.sign_up_for_shifts(event, shifts, **details)
        full = [s.shift for s in signups if s.status == EventSignup.Status.WAITLISTED]
    except places.AlreadySignedUp:
        full = [shift for shift in shifts if shift.places.is_full]
    if not full:
        return None
    names = ", ".join(shift.times for shift in full)
    if len(full) < len(shifts):
        return _(
            "Some shifts you picked are full (%(shifts)s), so we're keeping you a place on "
            "their waiting list. We'll email you as soon as a place frees up; we're holding "
            "your other places."
        ) % {"shifts": names}
    return _(
        "The shifts you picked are full (%(shifts)s), so we're keeping you a place on their "
        "waiting list. We'll email you as soon as a place frees up."
    ) % {"shifts": names}


def _unknown_link(request):
    return render(request, "signups/unknown_link.html", status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in the email sent on signing up: a page with a button, which confirms
    the place (mail scanners open every link, so opening it changes nothing). The page
    names the person, so it is never cached."""
    signup = EventSignup.objects.select_related("event", "shift").filter(token=token).first()
    if signup is None:
        return _unknown_link(request)
    event = event_in_language(signup.event, request.LANGUAGE_CODE)
    context = {"signup": signup, "event": event, "event_url": event.get_url(request)}
    if request.method == "POST":
        try:
            signup = places.confirm(signup)
        except places.CannotConfirm as error:
            return render(
                request, "signups/confirm.html", {**context, "error": error.message}, status=400
            )
        return render(request, "signups/confirm.html", {**context, "signup": signup})
    return render(request, "signups/confirm.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """The link in every sign-up email. Its page names the person, so it is never cached."""
    signup = EventSignup.objects.select_related("event").filter(token=token).first()
    if signup is None:
        return _unknown_link(request)
    event = event_in_language(signup.event, request.LANGUAGE_CODE)
    if request.method == "POST" and signup.is_active:
        places.cancel(signup)
        messages.success(
            request, _("Your place at %(event)s is cancelled.") % {"event": event.title}
        )
        return redirect("signup_cancel", token=token)
    return render(
        request,
        "signups/cancel.html",
        {"signup": signup, "event": event, "event_url": event.get_url(request)},
    )
