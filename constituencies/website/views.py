import re
from urllib.parse import urlencode

from csp.decorators import csp_update
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from constituencies.calendars import site_calendar_response

from .models import ConstituencyPage, EventPage, fresh_until_an_event_finishes
from .once_per_translation import once_per_translation

# A host name: labels of letters, digits and hyphens, with a dot somewhere.
_INSTANCE = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def calendar(request):
    """Every upcoming event of the site, for calendar apps to subscribe to: in the
    language of the address (/cy/calendar.ics in Welsh), each event once, in English
    where it has no Welsh version yet, so that subscribers miss none."""
    live = EventPage.objects.live().public()
    events = list(once_per_translation(live, translation.get_language()).upcoming())
    fresh_until_an_event_finishes(request, events)
    return site_calendar_response(request, events)


def robots_txt(request):
    sitemap = request.tenant.url_for(request, reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /accounts/", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# Browsers hold a form to its page's form-action even through the redirect, and this one
# ends on the visitor's own Mastodon server.
@csp_update({"form-action": ["https:"]})
@require_http_methods(["GET", "POST"])
def share_on_mastodon(request):
    """Mastodon has no single site to share to: ask which server the visitor uses,
    then send them to its share screen with the page's title and address. Only the
    form's own POST redirects, so nobody can make a link on a party domain that
    bounces visitors to a server of their choosing."""
    page_id = request.POST.get("page") if request.method == "POST" else request.GET.get("page")
    try:
        page = Page.objects.live().public().get(pk=int(page_id or "")).specific
    except (ValueError, Page.DoesNotExist):
        raise Http404("No such page") from None
    if not isinstance(page, ConstituencyPage):  # e.g. the tree's root
        raise Http404("No such page")
    url = page.absolute_url(request)
    text = f"{page.seo_title or page.title} {url}"
    instance, error = "", None
    if request.method == "POST":
        instance = request.POST.get("instance", "").replace("\x00", "").strip().lower()[:300]
        host = instance.removeprefix("https://").removeprefix("http://").strip("/").lstrip("@")
        host = host.split("@")[-1]
        if _INSTANCE.match(host):
            return HttpResponseRedirect(f"https://{host}/share?{urlencode({'text': text})}")
        error = gettext("Enter your Mastodon server's address, like mastodon.social.")
    return render(
        request,
        "website/share_mastodon.html",
        {"page": page, "shared_page": page, "instance": instance, "error": error, "text": text},
        status=400 if error else 200,
    )
