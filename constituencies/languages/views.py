from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from .middleware import offers_welsh

CHOICE_LASTS_SECONDS = 365 * 24 * 60 * 60


@require_safe
def choose_language(request, language):
    """The language switch: remember the visitor's choice and take them to `next`, the
    same page in that language (the switch links work it out). Links only, no script."""
    if language not in dict(settings.LANGUAGES) or not offers_welsh(request.tenant):
        raise Http404
    home = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
    next_url = request.GET.get("next", "")
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = home
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=CHOICE_LASTS_SECONDS,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response
