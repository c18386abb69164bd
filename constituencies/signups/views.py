from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from labourhub.form_errors import apply_validation_error
from labourhub.public_forms import over_the_limit

from . import places
from .forms import SignupForm
from .models import EventSignup


def sign_up(request, event):
    """The sign-up form of an event (a route on EventPage: <event>/sign-up/)."""
    consent = places.consent_text(request.tenant.name)
    form = SignupForm(
        request.POST if request.method == "POST" else None, consent_text=consent, event=event
    )
    context = {"page": event, "form": form, "places": event.places}
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
        messages.success(request, "Thank you: check your email for your confirmation.")
        return redirect(event.url)
    details = {
        "name": form.cleaned_data["name"],
        "email": form.cleaned_data["email"],
        "phone": form.cleaned_data["phone"],
        "consent": consent,
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
        messages.info(request, waiting)
    else:
        messages.success(
            request,
            "You're signed up. We've emailed your confirmation, with the event for your "
            "calendar and a link to cancel.",
        )
    return redirect(event.url)


def _sign_up(event, details) -> str | None:
    """Sign up to an event without shifts: what to tell a person put on the waiting list."""
    try:
        signup = places.sign_up(event, **details)
        full = signup.status == EventSignup.Status.WAITLISTED
    except places.AlreadySignedUp:
        full = event.places.is_full
    if full:
        return (
            "This event is full, so you're on the waiting list. We'll email you as soon as "
            "a place frees up."
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
    return (
        f"Some shifts you picked are full ({names}), so you're on their waiting list. "
        "We'll email you as soon as a place frees up; your other places are confirmed."
        if len(full) < len(shifts)
        else f"The shifts you picked are full ({names}), so you're on their waiting list. "
        "We'll email you as soon as a place frees up."
    )


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """The link in every sign-up email. Its page names the person, so it is never cached."""
    signup = get_object_or_404(EventSignup.objects.select_related("event"), token=token)
    if request.method == "POST" and signup.is_active:
        places.cancel(signup)
        messages.success(request, f"Your place at {signup.event.title} is cancelled.")
        return redirect("signup_cancel", token=token)
    return render(request, "signups/cancel.html", {"signup": signup, "event": signup.event})
