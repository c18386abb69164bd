"""The rulebook on Membersnet: editions, chapters and clause links, editions compared,
procedures, CLP standing orders, search, the staff admin, what's new and demo data."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from membersnet.rulebook.comparison import compare_editions, word_diff
from membersnet.rulebook.demo import fill_demo_rulebook
from membersnet.rulebook.models import (
    Chapter,
    Clause,
    Edition,
    Procedure,
    Section,
    StandingOrders,
)
from membersnet.rulebook.search import Result, search
from membersnet.rulebook.standing_orders import upload_standing_orders
from membersnet.rulebook.wagtail_hooks import CentralStaffOnHubPolicy, register_rulebook_viewsets
from membersnet.rulebook.whats_new import new_since
from roles.admin_areas import CONSTITUENCIES, hidden_menu_items
from tests.factories import MemberFactory, make_member
from tests.helpers import client_for

HUB = "localhost"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


# ---------------------------------------------------------------------------
# The cast and the content
# ---------------------------------------------------------------------------


def add_clause(edition, ref, text, *, chapter_title=None, section_title=None):
    chapter_number, section_number, clause_number = (int(part) for part in ref.split("."))
    chapter, _ = Chapter.objects.get_or_create(
        edition=edition,
        number=chapter_number,
        defaults={"title": chapter_title or f"Chapter title {chapter_number}"},
    )
    section, _ = Section.objects.get_or_create(
        chapter=chapter,
        number=section_number,
        defaults={"title": section_title or f"Section title {chapter_number}.{section_number}"},
    )
    return Clause.objects.create(section=section, number=clause_number, text=text)


def make_edition(year, clauses, *, published=True):
    edition = Edition.objects.create(
        year=year,
        title=f"Rulebook {year}",
        published_on=dt.date(year, 1, 1) if published else None,
    )
    for ref, text in clauses.items():
        add_clause(edition, ref, text)
    return edition


@pytest.fixture
def editions(db):
    """2025 and 2026: 2026 changes 3.2.1, drops 4.1.1 and adds 3.2.2."""
    old = make_edition(
        2025,
        {
            "1.1.1": "The party is called the Example Party.",
            "3.2.1": "The Secretary calls meetings with seven days notice.",
            "3.3.1": "The quorum is ten members.",
            "4.1.1": "Candidates are selected by ballot.",
        },
    )
    new = make_edition(
        2026,
        {
            "1.1.1": "The party is called the Example Party.",
            "3.2.1": "The Secretary calls general meetings with fourteen days notice.",
            "3.2.2": "Meetings may be held online.",
            "3.3.1": "The quorum is ten members.",
        },
    )
    return old, new


def make_procedure(title="Model procedure for meetings", **fields):
    fields.setdefault("kind", Procedure.Kind.MODEL_PROCEDURE)
    fields.setdefault("summary", "How to run a meeting.")
    fields.setdefault("body", "The Chair opens the meeting.\n\nThe Secretary takes the minutes.")
    return Procedure.objects.create(title=title, **fields)


def pdf(name="standing-orders.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name="standing-orders.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def add_standing_orders(constituency, title="Standing orders 2026", text="SO 1. Meetings."):
    return StandingOrders.objects.create(
        constituency=constituency,
        title=title,
        adopted_on=dt.date(2026, 3, 14),
        file=pdf(),
        text=text,
    )


@pytest.fixture
def secretary_a(officer_a, clp_a):
    """clp_a's Secretary, who (like every officer) is a member of clp_a."""
    MemberFactory(user=officer_a, email=officer_a.email, constituency=clp_a)
    return officer_a


@pytest.fixture
def secretary_b(officer_b, clp_b):
    MemberFactory(user=officer_b, email=officer_b.email, constituency=clp_b)
    return officer_b


@pytest.fixture
def member_b(clp_b):
    return make_member(clp_b, email="member.b@example.org")


def hub(user=None):
    return client_for(HUB, user)


# ---------------------------------------------------------------------------
# Members only, on every page
# ---------------------------------------------------------------------------


@pytest.fixture
def every_page(editions, clp_a):
    procedure = make_procedure(file=pdf("meetings.pdf"))
    orders = add_standing_orders(clp_a)
    slug = clp_a.slug
    return [
        "/membersnet/rulebook/",
        "/membersnet/rulebook/2026/",
        "/membersnet/rulebook/2026/chapter-3/",
        "/membersnet/rulebook/clause/3.2.1/",
        "/membersnet/rulebook/2025/clause/3.2.1/",
        "/membersnet/rulebook/compare/?old=2025&new=2026",
        "/membersnet/rulebook/search/?q=meetings",
        "/membersnet/rulebook/procedures/",
        procedure.get_absolute_url(),
        procedure.file.url,
        "/membersnet/rulebook/standing-orders/",
        f"/membersnet/rulebook/standing-orders/{slug}/",
        orders.get_absolute_url(),
        orders.file.url,
    ]


def test_anonymous_visitors_are_sent_to_sign_in_from_every_page(every_page):
    for url in every_page:
        response = hub().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_non_members_and_lapsed_members_are_told_membersnet_is_for_members(
    every_page, non_member_user, lapsed_member
):
    for user in (non_member_user, lapsed_member):
        client = hub(user)
        for url in every_page:
            response = client.get(url)
            assert response.status_code == 403, url
            assert "Membersnet is for party members" in response.content.decode(), url


def test_members_and_central_staff_can_open_every_page(every_page, member_user, staff_user):
    for user in (member_user, staff_user):
        client = hub(user)
        for url in every_page:
            response = client.get(url)
            if "/clause/" in url:
                assert response.status_code == 302, url
                assert "#clause-3-2-1" in response["Location"], url
            elif url.endswith("/standing-orders/") and user == member_user:
                # A member goes straight to their own CLP's.
                assert response.status_code == 302, url
            else:
                assert response.status_code == 200, url


# ---------------------------------------------------------------------------
# Editions, chapters, anchors and permalinks
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Editions compared
# ---------------------------------------------------------------------------


def test_comparison_finds_added_removed_and_changed_clauses_by_number(editions):
    old, new = editions
    comparison = compare_editions(old, new)
    assert [change.ref for change in comparison.added] == ["3.2.2"]
    assert [change.ref for change in comparison.removed] == ["4.1.1"]
    assert [change.ref for change in comparison.changed] == ["3.2.1"]
    assert [change.ref for change in comparison.changes] == ["3.2.1", "3.2.2", "4.1.1"]


def test_word_diff_marks_words_inserted_and_deleted():
    segments = word_diff(
        "The Secretary calls meetings with seven days notice.",
        "The Secretary calls general meetings with fourteen days notice.",
    )
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "The Secretary calls "),
        ("insert", "general "),
        ("equal", "meetings with "),
        ("delete", "seven"),
        ("insert", "fourteen"),
        ("equal", " days notice."),
    ]


def test_comparison_page_shows_the_word_level_changes(editions, member_user):
    response = hub(member_user).get("/membersnet/rulebook/compare/?old=2025&new=2026")
    page = response.content.decode()
    assert "1 clause added, 1 removed and 1 changed" in page
    assert '<ins><span class="visually-hidden">[added: </span>general <' in page
    assert '<del><span class="visually-hidden">[removed: </span>seven<' in page
    assert '<ins><span class="visually-hidden">[added: </span>fourteen<' in page
    assert "Meetings may be held online." in page
    assert "Candidates are selected by ballot." in page


def test_comparison_escapes_clause_text(editions, member_user):
    old, new = editions
    add_clause(old, "5.1.1", "Members <b>may</b> speak.")
    add_clause(new, "5.1.1", "Members <script>alert(1)</script> may speak.")
    add_clause(new, "5.1.2", "<script>alert(2)</script>")
    page = hub(member_user).get("/membersnet/rulebook/compare/?old=2025&new=2026")
    page = page.content.decode()
    assert "<script>alert" not in page
    assert "<b>may</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page


def test_comparing_an_edition_with_itself_asks_for_two(editions, member_user):
    page = hub(member_user).get("/membersnet/rulebook/compare/?old=2026&new=2026")
    assert "Choose two different editions" in page.content.decode()


def test_comparison_form_labels_both_choices_and_defaults_to_the_latest_two(editions, member_user):
    page = hub(member_user).get("/membersnet/rulebook/compare/").content.decode()
    assert '<label for="id_old">Earlier edition' in page
    assert '<label for="id_new">Later edition' in page
    assert '<option value="2025" selected>' in page
    assert '<option value="2026" selected>' in page


# ---------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Procedures
# ---------------------------------------------------------------------------


def test_procedures_are_grouped_by_kind(db, member_user):
    make_procedure("AGM procedure")
    make_procedure("Model CLP standing orders", kind=Procedure.Kind.MODEL_STANDING_ORDERS)
    make_procedure("Hybrid meetings", kind=Procedure.Kind.GUIDANCE)
    page = hub(member_user).get("/membersnet/rulebook/procedures/").content.decode()
    procedures = page.index("<h2>Model procedures</h2>")
    orders = page.index("<h2>Model standing orders for CLPs</h2>")
    guidance = page.index("<h2>Guidance</h2>")
    assert procedures < page.index("AGM procedure") < orders
    assert orders < page.index("Model CLP standing orders") < guidance
    assert guidance < page.index("Hybrid meetings")


def test_procedure_page_shows_the_full_text_escaped(db, member_user):
    procedure = make_procedure(body="First paragraph.\n\n<script>alert(1)</script>")
    page = hub(member_user).get(procedure.get_absolute_url()).content.decode()
    assert "<p>First paragraph.</p>" in page
    assert "&lt;script&gt;" in page


def test_procedure_files_are_private_and_served_only_to_members(db, member_user, settings):
    procedure = make_procedure(file=pdf("agm.pdf"))
    assert not procedure.file.url.startswith(settings.MEDIA_URL)
    assert not str(procedure.file.path).startswith(str(settings.MEDIA_ROOT))
    response = hub(member_user).get(procedure.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert (
        'attachment; filename="model-procedure-for-meetings.pdf"' in response["Content-Disposition"]
    )
    assert hub().get(procedure.file.url).status_code == 302


# ---------------------------------------------------------------------------
# CLP standing orders: who may upload and read them
# ---------------------------------------------------------------------------


def _upload(client, constituency, **overrides):
    data = {
        "title": "Our standing orders",
        "adopted_on": "2026-03-14",
        "file": pdf(),
        "text": "SO 1. The branch meets monthly.",
        **overrides,
    }
    return client.post(f"/membersnet/rulebook/standing-orders/{constituency.slug}/upload/", data)


def test_the_secretary_can_upload_their_clps_standing_orders(secretary_a, clp_a):
    client = hub(secretary_a)
    assert (
        client.get(f"/membersnet/rulebook/standing-orders/{clp_a.slug}/upload/").status_code == 200
    )
    response = _upload(client, clp_a)
    orders = StandingOrders.objects.get()
    assert response.status_code == 302
    assert response["Location"] == orders.get_absolute_url()
    assert orders.constituency == clp_a
    assert orders.uploaded_by == secretary_a
    assert orders.adopted_on == dt.date(2026, 3, 14)
    assert orders.file.read() == PDF


def test_uploaded_files_are_kept_in_private_storage(secretary_a, clp_a, settings, tmp_path):
    _upload(hub(secretary_a), clp_a)
    orders = StandingOrders.objects.get()
    assert str(orders.file.path).startswith(str(tmp_path / "private-media"))
    assert clp_a.gss_code in orders.file.name
    assert "standing-orders.pdf" not in orders.file.name


def test_a_member_who_is_not_an_officer_cannot_upload(member_user, clp_a):
    client = hub(member_user)
    assert (
        client.get(f"/membersnet/rulebook/standing-orders/{clp_a.slug}/upload/").status_code == 403
    )
    assert _upload(client, clp_a).status_code == 403
    assert not StandingOrders.objects.exists()


def test_another_clps_secretary_cannot_upload_for_this_clp(secretary_b, clp_a):
    assert _upload(hub(secretary_b), clp_a).status_code == 403
    assert not StandingOrders.objects.exists()


def test_the_upload_operation_refuses_anyone_but_the_secretary(member_user, clp_a):

    with pytest.raises(PermissionDenied):
        upload_standing_orders(
            constituency=clp_a,
            by=member_user,
            title="Ours",
            adopted_on=dt.date(2026, 1, 1),
            file=pdf(),
            text="SO 1.",
        )


def test_members_of_the_clp_can_read_its_standing_orders(clp_a, member_user):
    orders = add_standing_orders(clp_a, text="SO 7. Quorum.")
    client = hub(member_user)
    listing = client.get(f"/membersnet/rulebook/standing-orders/{clp_a.slug}/").content.decode()
    assert orders.title in listing
    assert "Upload standing orders" not in listing
    assert "SO 7. Quorum." in client.get(orders.get_absolute_url()).content.decode()
    assert client.get(orders.file.url).status_code == 200


def test_a_member_is_taken_to_their_own_clps_standing_orders(clp_a, member_user):
    response = hub(member_user).get("/membersnet/rulebook/standing-orders/")
    assert response["Location"] == f"/membersnet/rulebook/standing-orders/{clp_a.slug}/"


def test_members_of_another_clp_cannot_read_its_standing_orders(clp_a, member_b):
    orders = add_standing_orders(clp_a)
    client = hub(member_b)
    for url in (
        f"/membersnet/rulebook/standing-orders/{clp_a.slug}/",
        orders.get_absolute_url(),
        orders.file.url,
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert orders.text not in response.content.decode()


def test_central_staff_can_read_every_clps_standing_orders(clp_a, clp_b, staff_user):
    north, south = add_standing_orders(clp_a), add_standing_orders(clp_b)
    client = hub(staff_user)
    for orders in (north, south):
        assert client.get(orders.get_absolute_url()).status_code == 200
        assert client.get(orders.file.url).status_code == 200
    listing = client.get("/membersnet/rulebook/standing-orders/").content.decode()
    assert clp_a.name in listing
    assert clp_b.name in listing


def test_the_secretary_sees_the_upload_button(secretary_a, clp_a):
    page = hub(secretary_a).get(f"/membersnet/rulebook/standing-orders/{clp_a.slug}/")
    assert "Upload standing orders" in page.content.decode()


def test_an_odt_or_docx_is_accepted(secretary_a, clp_a):
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office/>")
    assert _upload(hub(secretary_a), clp_a, file=docx()).status_code == 302
    odt_file = SimpleUploadedFile("orders.odt", odt.getvalue())
    assert _upload(hub(secretary_a), clp_a, file=odt_file).status_code == 302
    assert StandingOrders.objects.count() == 2


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (lambda: SimpleUploadedFile("orders.exe", b"MZ..."), "Upload a PDF, ODT or DOCX file"),
        (lambda: SimpleUploadedFile("orders.pdf", b"<html>not a pdf</html>"), "not a real .pdf"),
        (lambda: SimpleUploadedFile("orders.docx", b"PK not really"), "not a real .docx"),
        (lambda: pdf(content=PDF + b"0" * (10 * 1024 * 1024)), "the limit is 10 MB"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_error_and_keeps_what_was_typed(
    secretary_a, clp_a, file, message
):
    response = _upload(hub(secretary_a), clp_a, file=file(), title="Kept <title>")
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert 'value="Kept &lt;title&gt;"' in page
    assert "SO 1. The branch meets monthly." in page
    assert not StandingOrders.objects.exists()


def test_missing_title_and_file_are_refused_and_nothing_is_saved(secretary_a, clp_a):
    response = _upload(hub(secretary_a), clp_a, title="  ", file="")
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Give the standing orders a title." in page
    assert '<a href="#id_file">Choose the file to upload.</a>' in page
    assert "SO 1. The branch meets monthly." in page
    assert not StandingOrders.objects.exists()


def test_a_refused_upload_leaves_no_file_behind(secretary_a, clp_a, tmp_path):
    _upload(hub(secretary_a), clp_a, adopted_on="not a date")
    private = tmp_path / "private-media"
    assert not private.exists() or not any(path.is_file() for path in private.rglob("*"))


# ---------------------------------------------------------------------------
# Staff edit it all in the hub's admin
# ---------------------------------------------------------------------------


def test_staff_create_and_edit_an_edition_in_the_admin(staff):
    response = staff.post(
        "/admin/rulebook_editions/new/",
        {"year": "2030", "title": "Rulebook 2030", "note": "", "published_on": "2030-01-01"},
    )
    assert response.status_code == 302
    edition = Edition.objects.get(year=2030)
    response = staff.post(
        f"/admin/rulebook_editions/edit/{edition.pk}/",
        {"year": "2030", "title": "Rulebook 2030, revised", "note": "", "published_on": ""},
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.title == "Rulebook 2030, revised"
    assert edition.published_on is None


def test_staff_create_a_chapter_section_and_clause_in_the_admin(staff, db):
    edition = Edition.objects.create(year=2030, title="Rulebook 2030")
    staff.post(
        "/admin/rulebook_chapters/new/",
        {"edition": edition.pk, "number": "2", "title": "Membership", "intro": ""},
    )
    chapter = Chapter.objects.get(edition=edition, number=2)
    staff.post(
        "/admin/rulebook_sections/new/",
        {"chapter": chapter.pk, "number": "1", "title": "Joining"},
    )
    section = Section.objects.get(chapter=chapter, number=1)
    response = staff.post(
        "/admin/rulebook_clauses/new/",
        {"section": section.pk, "number": "3", "text": "Anyone may join."},
    )
    assert response.status_code == 302
    clause = Clause.objects.get()
    assert clause.ref == "2.1.3"
    response = staff.post(
        f"/admin/rulebook_clauses/edit/{clause.pk}/",
        {"section": section.pk, "number": "3", "text": "Anyone aged 14 may join."},
    )
    assert response.status_code == 302
    clause.refresh_from_db()
    assert clause.text == "Anyone aged 14 may join."
    assert "14" in clause.search_vector or "age" in clause.search_vector


def test_the_admin_refuses_a_duplicate_clause_number(staff, editions):
    _, new = editions
    section = Clause.objects.by_ref(new, "3.2.1").section
    response = staff.post(
        "/admin/rulebook_clauses/new/",
        {"section": section.pk, "number": "1", "text": "A second 3.2.1."},
    )
    assert response.status_code == 200
    assert Clause.objects.in_edition(new).filter(section=section).count() == 2


def test_staff_create_and_edit_a_procedure_with_a_file_in_the_admin(staff, db):
    response = staff.post(
        "/admin/rulebook_procedures/new/",
        {
            "kind": Procedure.Kind.GUIDANCE,
            "title": "Running hybrid meetings",
            "slug": "",
            "summary": "Advice.",
            "body": "Test the microphone.",
            "file": pdf("hybrid.pdf"),
        },
    )
    assert response.status_code == 302
    procedure = Procedure.objects.get()
    assert procedure.slug == "running-hybrid-meetings"
    assert procedure.file.read() == PDF
    response = staff.post(
        f"/admin/rulebook_procedures/edit/{procedure.pk}/",
        {
            "kind": Procedure.Kind.GUIDANCE,
            "title": "Running hybrid meetings",
            "slug": procedure.slug,
            "summary": "Better advice.",
            "body": "Test the microphone first.",
        },
    )
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.summary == "Better advice."


def test_the_admin_refuses_a_procedure_file_that_is_not_a_document(staff, db):
    response = staff.post(
        "/admin/rulebook_procedures/new/",
        {
            "kind": Procedure.Kind.GUIDANCE,
            "title": "Bad",
            "summary": "Bad.",
            "body": "Bad.",
            "file": SimpleUploadedFile("bad.html", b"<html></html>"),
        },
    )
    assert response.status_code == 200
    assert not Procedure.objects.exists()


def test_admin_listings_open_for_staff(staff, editions, clp_a):
    make_procedure()
    add_standing_orders(clp_a)
    for name in (
        "rulebook_editions",
        "rulebook_chapters",
        "rulebook_sections",
        "rulebook_clauses",
        "rulebook_procedures",
        "rulebook_standing_orders",
    ):
        assert staff.get(f"/admin/{name}/").status_code == 200, name


def test_rulebook_admin_is_one_menu_named_rulebook_hidden_on_constituency_sites(
    rf, staff_user, member_user
):

    item = register_rulebook_viewsets().get_menu_item()
    assert item.name == "rulebook"
    assert "rulebook" in hidden_menu_items(CONSTITUENCIES)
    request = rf.get("/admin/")
    request.user = member_user
    assert item.menu.menu_items_for_request(request) == []
    request.user = staff_user
    assert [sub.url for sub in item.menu.menu_items_for_request(request)] == [
        "/admin/rulebook_editions/",
        "/admin/rulebook_chapters/",
        "/admin/rulebook_sections/",
        "/admin/rulebook_clauses/",
        "/admin/rulebook_procedures/",
        "/admin/rulebook_standing_orders/",
    ]


def test_only_central_staff_in_the_hubs_admin_may_edit_the_rulebook(
    staff_user, officer_a, clp_a, in_schema
):

    policy = CentralStaffOnHubPolicy(Clause)
    assert policy.user_has_permission(staff_user, "change")
    assert not policy.user_has_permission(officer_a, "change")
    with in_schema(clp_a):
        assert not policy.user_has_permission(staff_user, "change")


def test_officers_cannot_open_the_rulebook_admin_on_their_constituency_site(
    editions, officer_a, clp_a
):
    response = client_for(clp_a, officer_a).get("/admin/rulebook_editions/")
    assert response.status_code == 404
    assert "Rulebook 2026" not in response.content.decode()


# ---------------------------------------------------------------------------
# What's new, and demo content
# ---------------------------------------------------------------------------


def test_whats_new_lists_published_editions_and_procedures_newest_first(editions):
    make_edition(2027, {"1.1.1": "Draft."}, published=False)
    procedure = make_procedure()
    items = new_since(None, limit=10)
    assert [(item.kind, item.title) for item in items] == [
        ("Procedure", procedure.title),
        ("Rulebook", "Rulebook 2026"),
        ("Rulebook", "Rulebook 2025"),
    ]
    assert items[0].url == procedure.get_absolute_url()
    assert items[1].url == "/membersnet/rulebook/2026/"


def test_whats_new_since_a_moment_leaves_out_older_things(editions):
    old_procedure = make_procedure("Old procedure")
    Procedure.objects.filter(pk=old_procedure.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=30)
    )
    new_procedure = make_procedure("New procedure")
    since = timezone.now() - dt.timedelta(days=1)
    titles = [item.title for item in new_since(since, limit=10)]
    assert titles == [new_procedure.title]


def test_whats_new_respects_the_limit(editions):
    for n in range(4):
        make_procedure(f"Procedure {n}")
    assert len(new_since(None, limit=3)) == 3


def test_demo_rulebook_is_invented_idempotent_and_shows_every_kind_of_change(db):
    fill_demo_rulebook()
    fill_demo_rulebook()
    assert Edition.objects.count() == 2
    old, new = Edition.objects.get(year=2025), Edition.objects.get(year=2026)
    assert "invented" in new.title.lower()
    assert "invented text" in new.note
    assert new.chapters.count() >= 5
    comparison = compare_editions(old, new)
    assert comparison.added
    assert comparison.removed
    assert comparison.changed
    kinds = set(Procedure.objects.values_list("kind", flat=True))
    assert kinds == set(Procedure.Kind.values)
    count = Clause.objects.count()
    fill_demo_rulebook()
    assert Clause.objects.count() == count
    assert Edition.objects.current() == new
