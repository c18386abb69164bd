from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode

from labourhub.tenancy import on_hub

from . import admin_sessions
from .access import can_use_admin
from .admin_areas import is_constituency_only_admin_path
from .appointments import sync_role_groups
from .hub_only_admin import is_hub_only_admin_path

ADMIN_PREFIX = "/admin/"


def used_second_factor(request) -> bool:
    """Did this session's sign-in include a second factor (allauth records it)?"""
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
    return any(record.get("method") == "mfa" for record in records)


class AdminGateMiddleware:
    """Guards every Wagtail admin URL on every site, before Wagtail sees the request.

    Wagtail's own checks rest on global permissions, which would let an officer of
    one constituency into another's admin. Here the question is asked per site:
    anonymous visitors go to the login page; anyone signed in without a current
    appointment for this constituency (or central staff rights) gets a 403; those
    allowed in must have set up two-factor authentication and used it to sign in.
    Wagtail's own login form is replaced by the account login, which enforces MFA.
    Each admin area answers "not found" where its data does not belong: a constituency's
    on the hub, and Membersnet's and governance's (every view of their models, choosers
    included) on a constituency's site.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(ADMIN_PREFIX):
            return self.get_response(request)
        if request.path in (f"{ADMIN_PREFIX}login/", f"{ADMIN_PREFIX}logout/"):
            return self._to_account_page(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if not request.user.is_central_staff:
            # Appointments end by date as well as by hand: tidy the user's groups on the
            # way in, so no right outlives its appointment.
            sync_role_groups(request.user)
        if not can_use_admin(request.user, getattr(request, "tenant", None)):
            return TemplateResponse(
                request, "roles/admin_denied.html", {"site": request.tenant}, status=403
            ).render()
        if is_mfa_enabled(request.user) and not used_second_factor(request):
            # Signed in some other way than with the code (a stale session, or a login
            # form that skipped the second step): sign in again, properly.
            logout(request)
            messages.info(request, "Sign in again with your two-factor code to use the admin.")
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if not is_mfa_enabled(request.user):
            # Officers and staff can change what the party says in public: a password
            # alone is not enough.
            messages.warning(
                request,
                "Set up two-factor authentication to use the admin: it keeps the party's "
                "sites safe if your password is ever stolen.",
            )
            next_url = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{next_url}")
        if is_constituency_only_admin_path(request.path):
            raise Http404("This part of the admin is on each constituency's own site.")
        admin_sessions.begin(request)
        if not on_hub() and is_hub_only_admin_path(
            request.path_info, getattr(request, "urlconf", None)
        ):
            raise Http404("This part of the admin is on the hub.")
        return self.get_response(request)

    def _to_account_page(self, request):
        if request.path.endswith("logout/"):
            return redirect("account_logout")
        next_url = request.GET.get("next") or ADMIN_PREFIX
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
