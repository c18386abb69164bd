import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from membersnet.training.models import Course
from membersnet.training.progress import progress_for

from . import digest, joining
from .access import member_required
from .forms import PreferencesForm, SearchForm
from .search import search_membersnet
from .whats_new import whats_new

RESULTS_PER_PAGE = 20


def member_user_stub(member):
    """An unsaved user carrying the member's details, so the password validators can
    refuse a password too like their name or email."""
    first, _, last = member.name.partition(" ")
    return get_user_model()(email=member.email, first_name=first, last_name=last)


@member_required
def dashboard(request):
    """A member's home: their courses, what is new since they last came, their CLP."""
    member = request.member
    since = member.last_seen_at if member else None
    progress = progress_for(request.user, Course.objects.published().order_by("title"))
    context = {
        "member": member,
        "since": since,
        "in_progress": [p for p in progress if p.is_started and not p.is_complete],
        "completed": [p for p in progress if p.is_complete],
        "to_start": [p for p in progress if not p.is_started],
        "whats_new": whats_new(since or timezone.now() - dt.timedelta(days=30), limit=8),
    }
    if member:
        member.last_seen_at = timezone.now()
        member.save(update_fields=["last_seen_at"])
        context["constituency_url"] = member.constituency.url_for(request)
    return render(request, "membersnet/dashboard.html", context)


@member_required
def search(request):
    """One search across training, the rulebook and the facts."""
    form = SearchForm(request.GET)
    query, page_obj = "", None
    if form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            results = search_membersnet(query, request.user)
            page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "membersnet/search.html",
        {"form": form, "query": query, "page_obj": page_obj},
    )


@member_required
def account(request):
    member = request.member
    form = (
        PreferencesForm(request.POST if request.method == "POST" else None, instance=member)
        if member
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        form.save()
        messages.success(request, "Your preferences are saved.")
        return redirect("members:account")
    return render(request, "membersnet/account.html", {"member": member, "form": form})


def accept_invitation(request, token):
    """The link in an invitation email: choose a password and you're in."""
    try:
        member = joining.member_for_invitation(token)
    except ValidationError as error:
        return render(
            request, "membersnet/invitation.html", {"error": " ".join(error.messages)}, status=400
        )
    form = SetPasswordForm(
        member_user_stub(member), request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = joining.accept_invitation(member, form.cleaned_data["new_password1"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(
                request, "Welcome to Membersnet. We've emailed you three things to do first."
            )
            return redirect("membersnet_home")
    return render(request, "membersnet/invitation.html", {"member": member, "form": form})


@csrf_exempt  # the unsubscribe link is its own proof; mail clients POST to it (RFC 8058)
def stop_digest(request, token):
    """The link at the foot of every digest: stop the digest in one step, no sign-in."""
    member = digest.member_for_unsubscribe(token)
    if member is None:
        return render(request, "membersnet/digest_stopped.html", {"invalid": True}, status=400)
    if request.method == "POST":
        digest.stop_digest(member)
        return render(request, "membersnet/digest_stopped.html", {"stopped": True})
    return render(request, "membersnet/digest_stopped.html", {"member": member})
