from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from .models import Constituency, Nation
from .plain_text import single_line
from .public_urls import site_url


def directory(request):
    """The hub's front page: "Find your local party", every active constituency's
    site, searchable by name."""
    query = single_line(request.GET.get("q", ""))[:100]
    constituencies = list(
        Constituency.objects.active().search(query).prefetch_related("domains").order_by("name")
    )
    for constituency in constituencies:
        constituency.directory_url = constituency.url_for(request)
    by_nation = [
        (label, [c for c in constituencies if c.nation == value]) for value, label in Nation.choices
    ]
    return render(
        request,
        "constituencies/directory.html",
        {
            "query": query,
            "constituencies": constituencies,
            "by_nation": [(label, items) for label, items in by_nation if items],
        },
    )


def hub_robots_txt(request):
    """The hub's directory is public; Membersnet, accounts and the admin are not for crawlers."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /membersnet/",
        "Allow: /membersnet/certificates/",
        f"Sitemap: {site_url(settings.HUB_DOMAINS[0], request, reverse('hub_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
