"""Membersnet's one search across training, the rulebook and the facts: who may use it,
what each person finds, ranking, pages, and whatever people type."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from membersnet.members.search import MAX_QUERY_LENGTH, search_membersnet
from membersnet.rulebook.models import Procedure
from tests.membersnet.knowledge.shared import add_fact
from tests.membersnet.rulebook.shared import add_standing_orders, make_edition, make_procedure
from tests.membersnet.training.shared import make_course

from .shared import hub

SEARCH = "/membersnet/search/"
NOT_A_MEMBER = "Membersnet is for party members"


@pytest.fixture
def content(clp_a, clp_b):
    """Something about quorums in every area, and some things members must not find."""
    course = make_course("Chairing meetings", lessons=1)
    lesson = course.lessons.get()
    lesson.title = "Checking the quorum"
    lesson.text = "<p>Before any vote, count who is there: is the meeting <b>quorate</b>?</p>"
    lesson.save()
    draft = make_course("Draft quorum course", lessons=1, published=False)
    draft.lessons.update(title="Draft quorum lesson")
    make_edition(2025, {"3.3.1": "The quorum of a general meeting is ten members."})
    make_edition(2099, {"3.3.1": "A future quorum rule nobody may see yet."}, published=False)
    make_procedure(
        "Model procedure for quorate meetings",
        body="If the meeting has no quorum, the Chair closes it.",
    )
    make_procedure(
        "Model standing orders",
        kind=Procedure.Kind.MODEL_STANDING_ORDERS,
        summary="Standing orders for CLPs.",
        body="The quorum of the General Committee is a quarter of its delegates.",
    )
    add_standing_orders(clp_a, title="North's standing orders", text="Our quorum is twelve.")
    add_standing_orders(clp_b, title="South's standing orders", text="Our quorum is eight.")
    fresh = add_fact("Meetings held", "1,200", "Demo: 1,200 meetings reached their quorum.")
    stale = add_fact(
        "Old quorum figure",
        "60%",
        "Demo: 60% of meetings were quorate.",
        review_by=timezone.localdate() - dt.timedelta(days=1),
    )
    return {"course": course, "lesson": lesson, "fresh": fresh, "stale": stale}


def _kinds_and_titles(user, query="quorum"):
    return {(result.kind, result.title) for result in search_membersnet(query, user)}


def test_a_member_finds_every_kind_of_document_with_its_kind(member_user, content):
    found = _kinds_and_titles(member_user)
    assert ("Course", "Chairing meetings") not in found  # says "meetings", not "quorum"
    assert ("Lesson", "Checking the quorum") in found
    assert ("Rule", "Clause 3.3.1: Section title 3.3") in found
    assert ("Procedure", "Model procedure for quorate meetings") in found
    assert ("Standing order", "Model standing orders") in found
    assert ("Standing order", "Testford North: North's standing orders") in found
    assert ("Fact", "Meetings held") in found
    assert ("Fact", "Old quorum figure") in found
    assert ("Course", "Chairing meetings") in _kinds_and_titles(member_user, "chairing")


def test_members_do_not_find_drafts_or_another_clps_standing_orders(member_user, content):
    titles = {title for _, title in _kinds_and_titles(member_user)}
    assert "Draft quorum course" not in titles
    assert "Draft quorum lesson" not in titles
    assert not any("South" in title for title in titles)
    page = hub(member_user).get(SEARCH, {"q": "quorum"}).content.decode()
    assert "future quorum rule" not in page
    assert "Draft quorum" not in page


def test_central_staff_find_every_clps_standing_orders(staff_user, content):
    titles = {title for _, title in _kinds_and_titles(staff_user)}
    assert "Testford South: South's standing orders" in titles
    assert "Testford North: North's standing orders" in titles


def test_an_officer_who_is_a_member_finds_their_own_clps_standing_orders(officer_a, clp_a, content):
    response = hub(officer_a).get(SEARCH, {"q": "quorum"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "North&#x27;s standing orders" in page
    assert "South&#x27;s standing orders" not in page


def test_results_are_ranked_with_exact_matches_first(member_user, content):
    results = search_membersnet("quorate meetings", member_user)
    assert results[0].title == "Model procedure for quorate meetings"  # the exact words
    scores = [result.score for result in results]
    assert scores == sorted(scores, reverse=True)


def test_the_results_page_shows_each_kind_link_and_snippet(member_user, content):
    response = hub(member_user).get(SEARCH, {"q": "quorum"})
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r"<h2>\d+ results for “quorum”</h2>", page)
    for kind in ("Lesson", "Rule", "Procedure", "Standing order", "Fact"):
        assert f'<p class="eyebrow">{kind}' in page, kind
    assert f'href="{content["lesson"].get_absolute_url()}"' in page
    assert "Course: Chairing meetings" in page
    assert "<mark>quorum</mark>" in page  # the rulebook's highlighted snippets
    assert "&lt;b&gt;" not in page
    assert "<b>quorate</b>" not in page


def test_a_fact_due_for_review_is_marked_in_the_results(member_user, content):
    page = hub(member_user).get(SEARCH, {"q": "quorum figure"}).content.decode()
    stale = page.split("Old quorum figure")[0].rsplit('<li class="card search-result">', 1)[1]
    assert "Due for review" in stale
    assert "Due for review" not in page.split("Meetings held")[0].rsplit("<li", 1)[-1]


def test_a_result_opens_for_the_member(member_user, content):
    client = hub(member_user)
    for result in search_membersnet("quorum", member_user):
        assert client.get(result.url).status_code == 200, result.url


def test_results_come_in_pages_of_twenty(member_user):
    for number in range(45):
        add_fact(f"Turnout {number}", f"{number}%", f"Demo: turnout was {number}% somewhere.")
    client = hub(member_user)
    first = client.get(SEARCH, {"q": "turnout"}).content.decode()
    assert "45 results for “turnout”" in first
    assert first.count('<li class="card search-result">') == 20
    assert "Page 1 of 3" in first
    assert 'href="?q=turnout&amp;page=2" rel="next"' in first
    last = client.get(SEARCH, {"q": "turnout", "page": "3"}).content.decode()
    assert last.count('<li class="card search-result">') == 5
    assert 'rel="prev"' in last
    assert 'rel="next"' not in last
    beyond = client.get(SEARCH, {"q": "turnout", "page": "99"}).content.decode()
    assert "Page 3 of 3" in beyond
    junk = client.get(SEARCH, {"q": "turnout", "page": "x"}).content.decode()
    assert "Page 1 of 3" in junk


def test_the_search_takes_a_fixed_number_of_queries(
    member_user, content, django_assert_max_num_queries
):
    client = hub(member_user)
    client.get(SEARCH, {"q": "quorum"})  # warm the session
    for number in range(30):
        add_fact(f"Quorum fact {number}", "1", f"Demo: quorum fact {number}.")
    with django_assert_max_num_queries(14):
        response = client.get(SEARCH, {"q": "quorum"})
    assert response.status_code == 200


def test_with_no_query_the_page_says_what_to_do(member_user):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = hub(member_user).get(SEARCH, params)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Type a word or two" in page
        assert "result" not in page.split("<h1>")[1].split("</main>")[0].replace("results", "")


def test_when_nothing_matches_the_page_says_so(member_user, content):
    page = hub(member_user).get(SEARCH, {"q": "zebra crossing"}).content.decode()
    assert "0 results for “zebra crossing”" in page
    assert "Nothing matches. Try fewer or different words" in page


def test_a_query_too_long_is_refused_with_a_clear_message_and_kept(member_user):
    query = " ".join(["quorum"] * 40)
    response = hub(member_user).get(SEARCH, {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert f"at most {MAX_QUERY_LENGTH} characters (you typed {len(query)})" in page
    assert 'aria-invalid="true"' in page
    assert 'value="quorum quorum' in page


@pytest.mark.parametrize(
    "query",
    [
        "'",
        '"',
        '"unclosed phrase',
        "&&& ||| !!! :*",
        "-",
        "or",
        "the of and",
        "<script>alert(1)</script>",
        "quorum\x00",
        "%00",
        "(quorum",
        "3.3.1",
        "ক্রম 🙂 Ünïcödé",
        "\\",
    ],
)
def test_odd_characters_never_break_the_search(member_user, content, query):
    response = hub(member_user).get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(db):
    response = hub().get(SEARCH, {"q": "quorum"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/membersnet/search/")


@pytest.mark.parametrize("who", ["non_member_user", "lapsed_member"])
def test_people_without_a_current_membership_are_refused(request, who, content):
    response = hub(request.getfixturevalue(who)).get(SEARCH, {"q": "quorum"})
    assert response.status_code == 403
    page = response.content.decode()
    assert NOT_A_MEMBER in page
    assert "Checking the quorum" not in page


def test_an_officer_without_a_membership_is_refused(officer_by_exception, content):
    response = hub(officer_by_exception).get(SEARCH, {"q": "quorum"})
    assert response.status_code == 403


def test_every_membersnet_page_has_the_search_box(member_user):
    page = hub(member_user).get("/membersnet/").content.decode()
    assert '<form method="get" action="/membersnet/search/" role="search"' in page
    assert '<label for="membersnet-search-q">Search Membersnet</label>' in page
    search_page = hub(member_user).get(SEARCH).content.decode()
    assert 'id="membersnet-search-q"' not in search_page  # one search field, not two
    assert '<label for="id_q">Search Membersnet</label>' in search_page
