"""Sessions that have been into the Wagtail admin end sooner than members' sessions.

Once the admin gate (`roles.middleware`) has let a session into the admin of the hub or
of any constituency site, that session can change what the party says in public. From
then on it ends after ADMIN_SESSION_IDLE_SECONDS without a request, and
ADMIN_SESSION_MAX_SECONDS after it first opened the admin however busy it has been.
Whoever holds it is then signed out and sent to sign in again, with a message saying
why, and comes back to the page they asked for. A member who never opens the admin
keeps the usual session (SESSION_COOKIE_AGE).

The editor's own background pings (Wagtail's editing sessions, every few seconds while
a page is open in an editor) are not someone working: they do not keep the session
alive.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import resolve_url
from django.utils import timezone

ADMIN_SINCE_KEY = "admin_session_since"
LAST_SEEN_KEY = "admin_session_last_seen"
_BACKGROUND_PATHS = ("/admin/editing-sessions/",)


def _minutes(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _now() -> float:
    return timezone.now().timestamp()


def begin(request) -> None:
    """This session has just been let into the admin: its admin clock starts now, if it
    has not already."""
    now = _now()
    request.session.setdefault(ADMIN_SINCE_KEY, now)
    request.session.setdefault(LAST_SEEN_KEY, now)


def why_ended(session, now: float) -> str | None:
    """Why this admin session has ended, in words for its holder; None while it lasts
    (and always for a session that never opened the admin)."""
    since = session.get(ADMIN_SINCE_KEY)
    if since is None:
        return None
    if now - since > settings.ADMIN_SESSION_MAX_SECONDS:
        return (
            "You were signed out: for the party's safety, admin sessions end after "
            f"{_minutes(settings.ADMIN_SESSION_MAX_SECONDS)}. Sign in again to carry on."
        )
    if now - session.get(LAST_SEEN_KEY, since) > settings.ADMIN_SESSION_IDLE_SECONDS:
        return (
            "You were signed out: for the party's safety, admin sessions end after "
            f"{_minutes(settings.ADMIN_SESSION_IDLE_SECONDS)} without activity. "
            "Sign in again to carry on."
        )
    return None


class AdminSessionTimeoutMiddleware:
    """Ends admin sessions that are idle or too old (see the module's docstring); runs
    after authentication and before the admin gate."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated or ADMIN_SINCE_KEY not in request.session:
            return self.get_response(request)
        now = _now()
        reason = why_ended(request.session, now)
        if reason is not None:
            logout(request)
            messages.warning(request, reason)
            login_path = resolve_url(settings.LOGIN_URL)
            if request.path == login_path:
                return self.get_response(request)
            return redirect_to_login(request.get_full_path(), login_path)
        if not request.path.startswith(_BACKGROUND_PATHS):
            request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
