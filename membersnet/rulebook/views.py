"""The rulebook on Membersnet: editions, chapters and clause permalinks, editions
compared, procedures, CLP standing orders and search. Every view is members-only."""

from collections import defaultdict

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from constituencies.models import Constituency
from membersnet.members.access import member_required
from membersnet.private_files import serve_private_file

from .access import can_read_standing_orders, can_upload_standing_orders
from .comparison import compare_editions
from .forms import CompareForm, SearchForm, StandingOrdersForm
from .linked_rules import FALLBACK_SEARCHES, fallback_search_path
from .models import Chapter, Clause, Edition, Procedure, Section, StandingOrders
from .search import clause_ref_in, search
from .standing_orders import upload_standing_orders


def _editions_for(request):
    return Edition.objects.visible_to(request.user)


def _get_edition_or_404(request, year) -> Edition:
    return get_object_or_404(_editions_for(request), year=year)


def _current_edition_or_404(request) -> Edition:
    edition = Edition.objects.current()
    if edition is None:
        raise Http404("No edition of the rulebook is published yet.")
    return edition


def _get_constituency_for_reader(request, slug):
    """The CLP, if the person asking may read its standing orders; else a 403 page
    (as a response) saying whose they are."""
    constituency = get_object_or_404(Constituency.objects.sites(), slug=slug)
    if not can_read_standing_orders(request.user, constituency):
        return constituency, _denied(
            request,
            f"These are {constituency.name} Labour's standing orders: only its members "
            "and officers can read them.",
        )
    return constituency, None


def _denied(request, message):
    return render(request, "membersnet/rulebook/denied.html", {"message": message}, status=403)


def _redirect_to_clause(clause):
    return redirect(clause.get_absolute_url())


@member_required
def index(request):
    edition = Edition.objects.current()
    chapters = list(edition.chapters.all()) if edition else []
    member = request.member
    return render(
        request,
        "membersnet/rulebook/index.html",
        {
            "edition": edition,
            "chapters": chapters,
            "editions": list(_editions_for(request)),
            "search_form": SearchForm(),
            "own_constituency": member.constituency if member else None,
        },
    )


@member_required
def edition_detail(request, year):
    """The table of contents: chapters and their sections, in three queries."""
    edition = _get_edition_or_404(request, year)
    chapters = edition.chapters.prefetch_related(
        Prefetch("sections", queryset=Section.objects.order_by("number"))
    ).order_by("number")
    return render(
        request,
        "membersnet/rulebook/edition.html",
        {
            "edition": edition,
            "chapters": chapters,
            "is_current": edition == Edition.objects.current(),
            "search_form": SearchForm(),
        },
    )


@member_required
def chapter_detail(request, year, number):
    """A chapter in full: its sections and every clause, anchored for linking."""
    edition = _get_edition_or_404(request, year)
    chapter = get_object_or_404(
        Chapter.objects.select_related("edition").prefetch_related(
            Prefetch(
                "sections",
                queryset=Section.objects.order_by("number").prefetch_related(
                    Prefetch("clauses", queryset=Clause.objects.order_by("number"))
                ),
            )
        ),
        edition=edition,
        number=number,
    )
    siblings = list(edition.chapters.order_by("number").only("edition", "number", "title"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == chapter.pk)
    return render(
        request,
        "membersnet/rulebook/chapter.html",
        {
            "edition": edition,
            "chapter": chapter,
            "previous": siblings[index - 1] if index > 0 else None,
            "next": siblings[index + 1] if index + 1 < len(siblings) else None,
        },
    )


@member_required
def clause_permalink(request, ref):
    """/membersnet/rulebook/clause/3.2.1/: the clause in the current edition."""
    edition = _current_edition_or_404(request)
    clause = Clause.objects.by_ref(edition, ref)
    if clause is None:
        raise Http404(f"There is no clause {ref} in the current rulebook.")
    return _redirect_to_clause(clause)


@member_required
def rule_permalink(request, key):
    """/membersnet/rulebook/rule/online-presence/: the clause of the current edition
    marked as that rule, whatever its number; without one, a search for the rule."""
    if key not in Clause.Key.values:
        raise Http404("No rule is linked by that name.")
    clause = Clause.objects.known_as(key)
    if clause is None:
        messages.info(
            request,
            f"The current rulebook has no clause marked as {Clause.Key(key).label.lower()}: "
            f"here is what a search for “{FALLBACK_SEARCHES[key]}” finds.",
        )
        return redirect(fallback_search_path(key))
    return _redirect_to_clause(clause)


@member_required
def edition_clause(request, year, ref):
    edition = _get_edition_or_404(request, year)
    clause = Clause.objects.by_ref(edition, ref)
    if clause is None:
        raise Http404(f"There is no clause {ref} in the {year} rulebook.")
    return _redirect_to_clause(clause)


@member_required
def compare(request):
    editions = _editions_for(request).order_by("year")
    ordered = list(editions)
    initial = {}
    if len(ordered) >= 2:
        initial = {"old": ordered[-2].year, "new": ordered[-1].year}
    form = CompareForm(request.GET or None, editions=editions, initial=initial)
    comparison = None
    if form.is_valid():
        old, new = form.cleaned_data["old"], form.cleaned_data["new"]
        comparison = compare_editions(old, new)
    return render(
        request,
        "membersnet/rulebook/compare.html",
        {"form": form, "comparison": comparison, "enough_editions": len(ordered) >= 2},
    )


@member_required
def search_view(request):
    form = SearchForm(request.GET or None)
    query, results, missing_clause = "", [], None
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        ref = clause_ref_in(query)
        edition = Edition.objects.current()
        if ref and edition:
            clause = Clause.objects.by_ref(edition, ref)
            if clause is not None:
                return _redirect_to_clause(clause)
            missing_clause = ref
        results = search(query, request.user, edition=edition)
    return render(
        request,
        "membersnet/rulebook/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "missing_clause": missing_clause,
            "edition": Edition.objects.current(),
        },
    )


@member_required
def procedure_list(request):
    grouped = defaultdict(list)
    for procedure in Procedure.objects.defer("body").order_by("title"):
        grouped[procedure.kind].append(procedure)
    groups = [(kind.label, grouped[kind.value]) for kind in Procedure.Kind if grouped[kind.value]]
    return render(request, "membersnet/rulebook/procedure_list.html", {"groups": groups})


@member_required
def procedure_detail(request, slug):
    procedure = get_object_or_404(Procedure, slug=slug)
    return render(request, "membersnet/rulebook/procedure.html", {"procedure": procedure})


@member_required
def standing_orders_home(request):
    """A member goes to their own CLP's standing orders; central staff see every CLP
    that has uploaded some."""
    if request.member is not None and not request.user.is_central_staff:
        return redirect("rulebook:clp_standing_orders", slug=request.member.constituency.slug)
    constituencies = Constituency.objects.sites().filter(standing_orders__isnull=False).distinct()
    return render(
        request,
        "membersnet/rulebook/standing_orders_home.html",
        {"constituencies": constituencies.order_by("name")},
    )


@member_required
def clp_standing_orders(request, slug):
    constituency, denied = _get_constituency_for_reader(request, slug)
    if denied:
        return denied
    return render(
        request,
        "membersnet/rulebook/clp_standing_orders.html",
        {
            "constituency": constituency,
            "standing_orders": StandingOrders.objects.for_constituency(constituency).defer("text"),
            "can_upload": can_upload_standing_orders(request.user, constituency),
        },
    )


@member_required
def standing_orders_detail(request, slug, pk):
    constituency, denied = _get_constituency_for_reader(request, slug)
    if denied:
        return denied
    orders = get_object_or_404(
        StandingOrders.objects.for_constituency(constituency).select_related("constituency"),
        pk=pk,
    )
    return render(request, "membersnet/rulebook/standing_orders.html", {"orders": orders})


@member_required
def standing_orders_upload(request, slug):
    constituency = get_object_or_404(Constituency.objects.sites(), slug=slug)
    if not can_upload_standing_orders(request.user, constituency):
        return _denied(
            request,
            f"Only {constituency.name} Labour's Secretary can upload its standing orders.",
        )
    form = StandingOrdersForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        orders = upload_standing_orders(
            constituency=constituency, by=request.user, **form.cleaned_data
        )
        messages.success(request, f"“{orders.title}” is uploaded. Your CLP's members can read it.")
        return redirect(orders.get_absolute_url())
    return render(
        request,
        "membersnet/rulebook/standing_orders_upload.html",
        {"constituency": constituency, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@member_required
def private_file(request, name):
    """A procedure's or standing orders' file, to those who may read it."""
    orders = StandingOrders.objects.select_related("constituency").filter(file=name).first()
    if orders is not None:
        if not can_read_standing_orders(request.user, orders.constituency):
            return _denied(request, "This file belongs to another CLP's standing orders.")
        return serve_private_file(
            request, orders.file, as_attachment=True, filename=orders.download_name
        )
    procedure = get_object_or_404(Procedure.objects.exclude(file=""), file=name)
    return serve_private_file(
        request, procedure.file, as_attachment=True, filename=procedure.download_name
    )
