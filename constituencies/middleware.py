from django.conf import settings
from django.template.response import TemplateResponse

from constituencies.languages.alternates import path_in

# Paths a suspended or archived site still serves: the admin (its gate locks it
# to central staff), sign-in, static and media files, and the links emailed to people
# who signed up to its events, so they can still give up their place (in either language).
_ALWAYS_SERVED = ("/admin/", "/accounts/", "/static/", "/media/", "/sign-ups/")


class ConstituencyStatusMiddleware:
    """A suspended constituency shows a holding page (503) and an archived one a
    notice that it has closed (410), in place of every public page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tenant = getattr(request, "tenant", None)
        if (
            tenant is None
            or not getattr(tenant, "is_site", False)
            or tenant.is_active
            or path_in(settings.LANGUAGE_CODE, request.path).startswith(_ALWAYS_SERVED)
        ):
            return self.get_response(request)
        suspended = tenant.status == tenant.Status.SUSPENDED
        return TemplateResponse(
            request,
            "constituencies/suspended.html" if suspended else "constituencies/archived.html",
            {"constituency": tenant},
            status=503 if suspended else 410,
        ).render()
