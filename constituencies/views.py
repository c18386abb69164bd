from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from labourhub.public_forms import over_the_limit

from .models import Constituency, Nation
from .plain_text import single_line
from .postcodes import is_postcode
from .postcodes.lookup import POSTCODE_SEARCH, PostcodeStatus, look_up_postcode
from .public_urls import site_url


def directory(request):
    """The hub's front page: "Find your local party", every active constituency's
    site, searchable by name or postcode. A postcode in a constituency with an active
    site goes straight to that site; any other postcode gets a sentence saying why not."""
    query = single_line(request.GET.get("q", ""))[:100]
    if query and is_postcode(query):
        refused = over_the_limit(
            request,
            group=POSTCODE_SEARCH,
            rate=settings.POSTCODE_SEARCH_RATE_LIMIT,
            template="constituencies/directory.html",
            context={"query": query},
        )
        if refused:
            return refused
    postcode = look_up_postcode(query) if query else None
    if postcode is not None and postcode.status != PostcodeStatus.INVALID:
        return _postcode_answer(request, query, postcode)
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


def _postcode_answer(request, query, postcode):
    site = postcode.constituency
    site_url = site.url_for(request) if site is not None and site.is_active else None
    if postcode.is_found and site_url:
        return redirect(site_url)
    response = render(
        request,
        "constituencies/directory.html",
        {"query": query, "postcode": postcode, "site": site, "site_url": site_url},
    )
    if postcode.status == PostcodeStatus.UNKNOWN:
        # Perhaps only until the next import, or until the postcode service is back:
        # no cache may keep it for a day.
        add_never_cache_headers(response)
    return response


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
