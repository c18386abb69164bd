"""Two editions of the rulebook compared, clause by clause."""

from membersnet.rulebook.comparison import compare_editions, word_diff

from .shared import add_clause, hub


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
