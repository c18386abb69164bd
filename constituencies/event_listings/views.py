"""The hub's /events/ page: upcoming public events of every active constituency."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Min
from django.shortcuts import render

from constituencies.postcodes.lookup import POSTCODE_SEARCH
from constituencies.public_urls import site_url
from constituencies.website.models import ActivityType
from labourhub import http_cache
from labourhub.public_forms import over_the_limit

from .models import EventListing
from .search import EventSearchForm, matching

EVENTS_PER_PAGE = 20


def upcoming_events(request):
    """Upcoming events across the party, soonest first, filtered by type, constituency,
    words and postcode. Public: no sign-in, and kept by caches until it is purged (any
    listing changes) or its first event finishes."""
    upcoming = EventListing.objects.shown().upcoming()
    form = EventSearchForm(request.GET)
    if form.is_valid() and " " in form.cleaned_data["postcode"]:  # a whole one: looked up
        refused = over_the_limit(
            request,
            group=POSTCODE_SEARCH,
            rate=settings.POSTCODE_SEARCH_RATE_LIMIT,
            template="event_listings/upcoming_events.html",
            context={"form": form, "events": [], "types": _types_offered(upcoming, form)},
        )
        if refused:
            return refused
    found = matching(upcoming, **form.cleaned_data) if form.is_valid() else upcoming.none()
    page = Paginator(found.select_related("constituency"), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    for event in page:
        event.link = _link(event, request)
    # Every page of the list shifts when any of its events finishes.
    first_to_finish = found.aggregate(at=Min("finishes_at"))["at"]
    http_cache.fresh_until(request, first_to_finish)
    return render(
        request,
        "event_listings/upcoming_events.html",
        {
            "form": form,
            "events": page,
            "page_obj": page,
            "types": _types_offered(upcoming, form),
            "query_string": _query_without_page(request),
        },
    )


def _types_offered(upcoming, form) -> list[tuple[str, str]]:
    """The types of event the filter offers: those listed, and the one asked for."""
    present = set(upcoming.order_by().values_list("activity_type", flat=True).distinct())
    if form.is_valid():
        present.add(form.cleaned_data["type"])  # a link to a type with no events yet
    return [(value, label) for value, label in ActivityType.choices if value in present]


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _link(event, request) -> str:
    """The event's address with this request's scheme and port, as the directory links
    to sites (`make run` on another port links to that port)."""
    address = urlsplit(event.url)
    return site_url(address.hostname, request, address.path)
