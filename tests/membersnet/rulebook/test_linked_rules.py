"""The rule on who owns online presence: a model clause of the demo's default CLP rules,
found by search, and a link to it by what it is (`Clause.key`) that follows it from one
edition to the next and never breaks when the current edition has no such clause."""

import pytest
from django.core.exceptions import ValidationError

from membersnet.rulebook.comparison import compare_editions
from membersnet.rulebook.demo import fill_demo_rulebook
from membersnet.rulebook.linked_rules import linked_rule
from membersnet.rulebook.models import Clause, Edition
from tests.helpers import text_of

from .shared import add_clause, hub, make_edition

RULE = "/membersnet/rulebook/rule/online-presence/"
ONLINE_PRESENCE = Clause.Key.ONLINE_PRESENCE


@pytest.fixture
def demo_rulebook(db):
    fill_demo_rulebook()
    return Edition.objects.get(year=2026)


def test_the_demo_adds_the_rule_as_a_model_clause_of_the_default_clp_rules(demo_rulebook):
    clause = Clause.objects.by_ref(demo_rulebook, "3.4.1")
    assert clause.key == ONLINE_PRESENCE
    assert "model clause" in clause.section.title
    assert clause.section.chapter.title == "Constituency parties"
    for words in ("social media", "online presence", "ownership and control", "discipline"):
        assert words in clause.text
    old = Edition.objects.get(year=2025)
    assert "3.4.1" in {row.ref for row in compare_editions(old, demo_rulebook).added}
    assert linked_rule(ONLINE_PRESENCE).clause == clause


def test_filling_the_demo_again_marks_the_rule_once(demo_rulebook):
    fill_demo_rulebook()
    assert Clause.objects.filter(key=ONLINE_PRESENCE).count() == 1


@pytest.mark.parametrize("query", ["social media", "online presence", "ownership"])
def test_searching_the_rulebook_finds_the_rule(demo_rulebook, member_user, query):
    response = hub(member_user).get("/membersnet/rulebook/search/", {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Clause 3.4.1: Online presence (model clause" in page
    assert 'href="/membersnet/rulebook/2026/chapter-3/#clause-3-4-1"' in page


def test_the_rules_link_opens_the_clause_in_the_current_edition(demo_rulebook, member_user):
    client = hub(member_user)
    response = client.get(RULE)
    assert response.status_code == 302
    assert response["Location"] == "/membersnet/rulebook/2026/chapter-3/#clause-3-4-1"
    chapter = client.get(response["Location"])
    assert chapter.status_code == 200
    assert 'id="clause-3-4-1"' in chapter.content.decode()
    assert "under the ownership and control of the officers" in text_of(chapter)


def test_the_link_follows_the_mark_to_whatever_number_the_rule_has(db, member_user):
    old = make_edition(2025, {"1.1.1": "Old text."})
    old_rule = add_clause(old, "3.4.1", "Officers own online presence.")
    Clause.objects.filter(pk=old_rule.pk).update(key=ONLINE_PRESENCE)
    new = make_edition(2026, {"1.1.1": "New text."})
    renumbered = add_clause(new, "7.2.3", "Officers own and control online presence.")
    renumbered.key = ONLINE_PRESENCE
    renumbered.save()
    draft = make_edition(2027, {"9.9.9": "A draft rule."}, published=False)
    Clause.objects.in_edition(draft).update(key=ONLINE_PRESENCE)

    response = hub(member_user).get(RULE)
    assert response["Location"] == "/membersnet/rulebook/2026/chapter-7/#clause-7-2-3"
    assert linked_rule(ONLINE_PRESENCE).clause == renumbered


def test_without_a_marked_clause_the_link_searches_for_the_rule(editions, member_user):
    client = hub(member_user)
    response = client.get(RULE)
    assert response.status_code == 302
    assert response["Location"] == "/membersnet/rulebook/search/?q=online+presence"
    search = client.get(response["Location"])
    assert search.status_code == 200
    assert (
        "The current rulebook has no clause marked as the rule on who owns online presence"
        in text_of(search)
    )
    assert linked_rule(ONLINE_PRESENCE).clause is None


def test_without_any_rulebook_the_link_still_answers(db, member_user):
    response = hub(member_user).get(RULE, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/membersnet/rulebook/search/?q=online+presence"


def test_a_link_to_a_rule_that_is_not_linked_is_not_found(demo_rulebook, member_user):
    assert hub(member_user).get("/membersnet/rulebook/rule/anything/").status_code == 404


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("non_member_user", 403),
        ("lapsed_member", 403),
        ("member_user", 302),
        ("staff_user", 302),
    ],
)
def test_the_rules_link_is_for_members(request, demo_rulebook, who, expected):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = hub(user).get(RULE)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    elif expected == 302:
        assert response["Location"].endswith("#clause-3-4-1")


def test_only_one_clause_of_an_edition_is_the_rule(demo_rulebook):
    other = Clause.objects.by_ref(demo_rulebook, "5.1.3")
    other.key = ONLINE_PRESENCE
    with pytest.raises(ValidationError) as raised:
        other.full_clean()
    assert "Clause 3.4.1 of this edition is already marked" in raised.value.message_dict["key"][0]
    earlier = Clause.objects.by_ref(Edition.objects.get(year=2025), "5.1.3")
    earlier.key = ONLINE_PRESENCE
    earlier.full_clean()  # another edition may mark its own


def test_staff_mark_the_rule_in_the_admin(staff, editions):
    _, new = editions
    clause = Clause.objects.by_ref(new, "3.2.2")
    form = staff.get(f"/admin/rulebook_clauses/edit/{clause.pk}/").content.decode()
    assert 'name="key"' in form
    response = staff.post(
        f"/admin/rulebook_clauses/edit/{clause.pk}/",
        {"section": clause.section_id, "number": "2", "text": clause.text, "key": ONLINE_PRESENCE},
    )
    assert response.status_code == 302
    assert linked_rule(ONLINE_PRESENCE).clause == clause
    second = Clause.objects.by_ref(new, "3.3.1")
    response = staff.post(
        f"/admin/rulebook_clauses/edit/{second.pk}/",
        {"section": second.section_id, "number": "1", "text": second.text, "key": ONLINE_PRESENCE},
    )
    assert response.status_code == 200
    assert "Clause 3.2.2 of this edition is already marked" in text_of(response)
    second.refresh_from_db()
    assert second.key == ""
