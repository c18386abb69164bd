import re
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Page

from .calendars import site_calendar as calendar  # noqa: F401 - routed in urls_tenant

# A host name: labels of letters, digits and hyphens, with a dot somewhere.
_INSTANCE = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def robots_txt(request):
    sitemap = request.tenant.url_for(request, reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /accounts/", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def share_on_mastodon(request):
    """Mastodon has no single site to share to: ask which server the visitor uses,
    then send them to its share screen with the page's title and address."""
    try:
        page = Page.objects.live().public().get(pk=int(request.GET.get("page", "")))
    except (ValueError, Page.DoesNotExist):
        raise Http404("No such page") from None
    page = page.specific
    url = page.absolute_url(request)
    text = f"{page.seo_title or page.title} {url}"
    instance = request.GET.get("instance", "").strip().lower()
    instance = instance.removeprefix("https://").removeprefix("http://").strip("/").lstrip("@")
    instance = instance.split("@")[-1]
    error = None
    if "instance" in request.GET:
        if _INSTANCE.match(instance):
            return HttpResponseRedirect(f"https://{instance}/share?{urlencode({'text': text})}")
        error = "Enter your Mastodon server's address, like mastodon.social."
    return render(
        request,
        "website/share_mastodon.html",
        {"page": page, "shared_page": page, "instance": instance, "error": error, "text": text},
        status=400 if error else 200,
    )
