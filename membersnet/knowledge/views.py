"""The knowledge bank on Membersnet: browse facts by topic, search them, and share one as
a ready-made post or a card image. Members only, like every Membersnet page. A fact
past its review-by date is shown marked “Due for review”, and cannot be shared."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from membersnet.members.access import member_required

from .forms import FactSearchForm
from .models import Fact, ShareEvent, Topic
from .search import search_facts
from .share_card import card_fingerprint, share_card_png
from .sharing import record_share

FACTS_PER_PAGE = 20
CARD_MAX_AGE = 60 * 60 * 24 * 365


def _get_fact_or_404(slug, *related) -> Fact:
    return get_object_or_404(Fact.objects.prefetch_related(*related), slug=slug)


def _get_shareable_fact_or_404(slug, *related) -> Fact:
    """A fact members may share: one past its review-by date is not found."""
    return get_object_or_404(Fact.objects.current().prefetch_related(*related), slug=slug)


def _page(request, facts):
    return Paginator(facts.prefetch_related("topics", "sources"), FACTS_PER_PAGE).get_page(
        request.GET.get("page")
    )


def _topics_with_facts():
    return (
        Topic.objects.annotate(fact_count=Count("facts"))
        .filter(fact_count__gt=0)
        .order_by("name")  # Meta.ordering does not apply to a grouped query
    )


@member_required
def index(request):
    if "q" in request.GET:
        return _search_results(request)
    return render(
        request,
        "membersnet/knowledge/index.html",
        {
            "form": FactSearchForm(),
            "topics": _topics_with_facts(),
            "page_obj": _page(request, Fact.objects.all()),
        },
    )


@member_required
def topic(request, slug):
    chosen = get_object_or_404(Topic, slug=slug)
    return render(
        request,
        "membersnet/knowledge/topic.html",
        {
            "topic": chosen,
            "form": FactSearchForm(),
            "page_obj": _page(request, Fact.objects.filter(topics=chosen)),
        },
    )


@member_required
def search(request):
    return _search_results(request)


def _search_results(request):
    form = FactSearchForm(request.GET)
    query, page_obj = "", None
    if form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            page_obj = _page(request, search_facts(query))
    return render(
        request,
        "membersnet/knowledge/search.html",
        {"form": form, "query": query, "page_obj": page_obj},
    )


@member_required
def fact(request, slug):
    shown = _get_fact_or_404(slug, "sources", "topics")
    due_for_review = shown.is_due_for_review()
    return render(
        request,
        "membersnet/knowledge/fact.html",
        {
            "fact": shown,
            "due_for_review": due_for_review,
            "posts": [] if due_for_review else shown.share_posts(),
            "card_version": card_fingerprint(shown)[:16],
            "counted": request.member is not None,
        },
    )


@member_required
def card(request, slug):
    """The fact's card image. `?download` serves it as a file, and counts as a share."""
    shown = _get_shareable_fact_or_404(slug, "sources")
    fingerprint = card_fingerprint(shown)
    etag = f'"{fingerprint}"'
    download = "download" in request.GET
    if download:
        record_share(shown, ShareEvent.Network.CARD, sharer=request.member)
        response = HttpResponse(share_card_png(shown, fingerprint), content_type="image/png")
        response["Content-Disposition"] = f'attachment; filename="{shown.slug}.png"'
        response["Cache-Control"] = "private, no-store"
        return response
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(share_card_png(shown, fingerprint), content_type="image/png")
    response["ETag"] = etag
    # The fact page asks for ?v=<fingerprint>, a new address whenever the card changes.
    if request.GET.get("v") == fingerprint[:16]:
        response["Cache-Control"] = f"private, max-age={CARD_MAX_AGE}, immutable"
    else:
        response["Cache-Control"] = "private, no-cache"
    return response


@member_required
@require_POST
def share(request, slug):
    """Called by the page's script when a member copies a post."""
    shown = _get_shareable_fact_or_404(slug)
    network = request.POST.get("network", "")
    if network not in ShareEvent.Network.values:
        return JsonResponse({"error": "Unknown network."}, status=400)
    return JsonResponse({"counted": record_share(shown, network, sharer=request.member)})
