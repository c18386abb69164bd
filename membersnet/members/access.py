"""Who may use Membersnet: signed-in people with an active member record, and central
staff. One place answers it for every Membersnet view."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render


def active_member(user):
    """The user's member record if it is active, else None."""
    if not user.is_authenticated:
        return None
    member = getattr(user, "member", None)
    return member if member is not None and member.is_active else None


def can_use_membersnet(user) -> bool:
    return user.is_authenticated and (user.is_central_staff or active_member(user) is not None)


def refuse(request):
    """The page for a signed-in person who may not use Membersnet: it offers the
    renewal link, and links to nothing they cannot open."""
    member = getattr(request.user, "member", None)
    return render(
        request,
        "membersnet/not_a_member.html",
        {"lapsed": member is not None, "renewal_url": settings.MEMBERSHIP_RENEWAL_URL},
        status=403,
    )


def member_required(view):
    """Anonymous visitors go to sign in; signed-in people who are not (or no longer)
    members get a page saying so. The view gets `request.member` (None for staff
    without a member record)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_use_membersnet(request.user):
            return refuse(request)
        request.member = active_member(request.user)
        return view(request, *args, **kwargs)

    return wrapper
