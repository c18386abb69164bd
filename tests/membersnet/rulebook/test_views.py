"""Reading the rulebook: editions, chapters, anchors and permalinks."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from membersnet.rulebook.models import (
    Clause,
    Edition,
)

from .shared import add_clause, hub, make_edition


def test_the_current_edition_is_the_latest_published_one(editions):
    _, new = editions
    make_edition(2027, {"1.1.1": "Not yet."}, published=False)
    Edition.objects.create(
        year=2028, title="Later", published_on=timezone.localdate() + dt.timedelta(days=30)
    )
    assert Edition.objects.current() == new


def test_table_of_contents_lists_chapters_and_sections_with_links(editions, member_user):
    page = hub(member_user).get("/membersnet/rulebook/2026/").content.decode()
    assert "Chapter 3" in page
    assert 'href="/membersnet/rulebook/2026/chapter-3/"' in page
    assert 'href="/membersnet/rulebook/2026/chapter-3/#section-3-2"' in page
    assert "Section title 3.2" in page


def test_members_cannot_see_a_draft_edition_but_staff_can(editions, member_user, staff_user):
    make_edition(2027, {"1.1.1": "Draft text."}, published=False)
    assert hub(member_user).get("/membersnet/rulebook/2027/").status_code == 404
    page = hub(staff_user).get("/membersnet/rulebook/2027/")
    assert page.status_code == 200
    assert "Draft" in page.content.decode()


def test_chapter_page_gives_every_clause_an_anchor_and_a_permalink(editions, member_user):
    response = hub(member_user).get("/membersnet/rulebook/2026/chapter-3/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="clause-3-2-1"' in page
    assert 'id="clause-3-2-2"' in page
    assert 'id="section-3-2"' in page
    assert 'href="/membersnet/rulebook/2026/clause/3.2.1/"' in page
    assert "fourteen days notice" in page
    assert "Example Party" not in page  # that is chapter 1


def test_chapter_page_offers_printing_with_a_static_script_and_no_inline_javascript(
    editions, member_user
):
    page = hub(member_user).get("/membersnet/rulebook/2026/chapter-3/").content.decode()
    assert "Print this chapter" in page
    assert "js/rulebook-print.js" in page
    assert "onclick" not in page
    assert "<script>" not in page


def test_clause_permalink_goes_to_the_clause_in_the_current_edition(editions, member_user):
    response = hub(member_user).get("/membersnet/rulebook/clause/3.2.1/")
    assert response.status_code == 302
    assert response["Location"] == "/membersnet/rulebook/2026/chapter-3/#clause-3-2-1"


def test_edition_permalink_goes_to_the_clause_in_that_edition(editions, member_user):
    response = hub(member_user).get("/membersnet/rulebook/2025/clause/4.1.1/")
    assert response["Location"] == "/membersnet/rulebook/2025/chapter-4/#clause-4-1-1"


def test_permalink_to_a_clause_that_does_not_exist_is_not_found(editions, member_user):
    assert hub(member_user).get("/membersnet/rulebook/clause/4.1.1/").status_code == 404
    assert hub(member_user).get("/membersnet/rulebook/clause/9.9.9/").status_code == 404
    assert hub(member_user).get("/membersnet/rulebook/1999/clause/1.1.1/").status_code == 404


def test_clause_knows_its_number_anchor_and_permalink(editions):
    _, new = editions
    clause = Clause.objects.by_ref(new, "3.2.1")
    assert clause.ref == "3.2.1"
    assert clause.anchor == "clause-3-2-1"
    assert clause.permalink == "/membersnet/rulebook/2026/clause/3.2.1/"
    assert clause.get_absolute_url() == "/membersnet/rulebook/2026/chapter-3/#clause-3-2-1"


def _count_queries(client, url):
    client.get(url)  # the first request may fill caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_table_of_contents_queries_do_not_grow_with_the_rulebook(
    editions, member_user, django_assert_max_num_queries
):
    _, new = editions
    client = hub(member_user)
    url = "/membersnet/rulebook/2026/"
    baseline = _count_queries(client, url)
    for chapter in range(5, 9):
        for section in range(1, 4):
            for clause in range(1, 4):
                add_clause(new, f"{chapter}.{section}.{clause}", "More text.")
    with django_assert_max_num_queries(baseline):
        client.get(url)


def test_chapter_page_queries_do_not_grow_with_its_clauses(
    editions, member_user, django_assert_max_num_queries
):
    _, new = editions
    client = hub(member_user)
    url = "/membersnet/rulebook/2026/chapter-3/"
    baseline = _count_queries(client, url)
    for section in range(4, 8):
        for clause in range(1, 6):
            add_clause(new, f"3.{section}.{clause}", "Another clause.")
    with django_assert_max_num_queries(baseline):
        response = client.get(url)
    assert 'id="clause-3-7-5"' in response.content.decode()
