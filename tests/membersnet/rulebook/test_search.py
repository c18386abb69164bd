"""Searching the rulebook and procedures."""

from membersnet.rulebook.models import (
    Clause,
)
from membersnet.rulebook.search import Result, search

from .shared import add_standing_orders, hub, make_edition, make_procedure


def test_search_vectors_are_stored_and_kept_current_on_save(editions):
    _, new = editions
    clause = Clause.objects.by_ref(new, "3.3.1")
    assert "quorum" in clause.search_vector
    clause.text = "Attendance thresholds apply."
    clause.save()
    clause.refresh_from_db()
    assert "threshold" in clause.search_vector
    assert "quorum" not in clause.search_vector


def test_search_page_has_a_labelled_search_box(member_user):
    page = hub(member_user).get("/membersnet/rulebook/search/").content.decode()
    assert '<label for="id_q">Search the rulebook' in page
    assert 'type="search"' in page


def test_a_clause_number_jumps_straight_to_the_clause(editions, member_user):
    client = hub(member_user)
    for query in ("3.2.1", "clause 3.2.1", "  Clause 3.2.1 "):
        response = client.get("/membersnet/rulebook/search/", {"q": query})
        assert response.status_code == 302, query
        assert response["Location"] == "/membersnet/rulebook/2026/chapter-3/#clause-3-2-1"


def test_a_clause_number_that_does_not_exist_says_so(editions, member_user):
    response = hub(member_user).get("/membersnet/rulebook/search/", {"q": "9.9.9"})
    assert response.status_code == 200
    assert "There is no clause 9.9.9" in response.content.decode()


def test_an_exact_phrase_ranks_before_clauses_that_only_share_its_words(db, member_user):
    edition = make_edition(
        2026,
        {
            # Short, with every word: full-text ranking alone puts it first.
            "1.1.1": "A motion may propose that members meet.",
            "2.1.1": "Subject to the rules in this chapter and to the standing orders of "
            "the constituency party, members may propose a motion to a general meeting "
            "by sending it to the Secretary fourteen days before the meeting.",
            "2.1.2": "A general meeting hears reports.",
        },
    )
    results = search("members may propose a motion", member_user, edition=edition)
    assert [result.url for result in results] == [
        "/membersnet/rulebook/2026/chapter-2/#clause-2-1-1",
        "/membersnet/rulebook/2026/chapter-1/#clause-1-1-1",
    ]


def test_without_an_exact_phrase_shorter_closer_matches_rank_higher(db, member_user):
    edition = make_edition(
        2026,
        {
            "1.1.1": "The Chair opens the meeting. The Treasurer reports on the accounts, "
            "the Secretary reads the correspondence and members ask questions about the "
            "budget before anyone mentions a quorum.",
            "2.1.1": "The quorum is ten members.",
        },
    )
    results = search("quorum members", member_user, edition=edition)
    assert [result.url.rsplit("#", 1)[1] for result in results] == ["clause-2-1-1", "clause-1-1-1"]


def test_search_covers_procedures_and_only_the_members_own_clps_standing_orders(
    editions, clp_a, clp_b, member_user
):
    make_procedure("Hustings guidance", body="Every hustings gives nominees equal time.")
    add_standing_orders(clp_a, "North standing orders", text="Hustings happen in the library.")
    add_standing_orders(clp_b, "South standing orders", text="Hustings happen in the park.")
    page = hub(member_user).get("/membersnet/rulebook/search/", {"q": "hustings"})
    page = page.content.decode()
    assert "Hustings guidance" in page
    assert "North standing orders" in page
    assert "South standing orders" not in page


def test_central_staff_search_every_clps_standing_orders(clp_a, clp_b, staff_user):
    add_standing_orders(clp_a, "North standing orders", text="Hustings happen in the library.")
    add_standing_orders(clp_b, "South standing orders", text="Hustings happen in the park.")
    titles = [result.title for result in search("hustings", staff_user)]
    assert any("North standing orders" in title for title in titles)
    assert any("South standing orders" in title for title in titles)


def test_search_snippets_highlight_matches_and_escape_the_text(db, member_user):
    make_edition(2026, {"1.1.1": 'The <script>alert(1)</script> quorum is 5 < 10 & "more" <i'})
    response = hub(member_user).get("/membersnet/rulebook/search/", {"q": "quorum"})
    page = response.content.decode()
    assert "<mark>quorum</mark>" in page
    assert "<script>alert" not in page
    assert "5 &lt; 10 &amp; &quot;more" in page


def test_snippet_html_escapes_everything_but_its_own_highlights():
    result = Result(
        kind="Rulebook",
        title="t",
        url="/",
        score=1.0,
        headline="<script>x</script> \ue000quorum\ue001 & <mark>",
    )
    assert str(result.snippet_html) == (
        "&lt;script&gt;x&lt;/script&gt; <mark>quorum</mark> &amp; &lt;mark&gt;"
    )


def test_empty_and_over_long_searches_are_handled_gracefully(editions, member_user):
    client = hub(member_user)
    empty = client.get("/membersnet/rulebook/search/", {"q": "   "})
    assert empty.status_code == 200
    assert "Type a word, a phrase or a clause number" in empty.content.decode()
    assert "search-result" not in empty.content.decode()
    assert client.get("/membersnet/rulebook/search/").status_code == 200
    too_long = client.get("/membersnet/rulebook/search/", {"q": "motion " * 100})
    assert too_long.status_code == 200
    assert "Search for 200 characters or fewer" in too_long.content.decode()
    odd = client.get("/membersnet/rulebook/search/", {"q": '"" & | ! ( :* <>'})
    assert odd.status_code == 200
