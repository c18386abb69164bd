"""The party's rule on who owns online presence, linked from the register, the social
media training, the report form and the "Is this account official?" answers: the link
resolves to the clause in the current rulebook, and nothing breaks when the rulebook
staff loaded has no clause marked as that rule."""

import pytest

from governance.models import PresenceEntry
from governance.register.entries import add_entry
from membersnet.rulebook.demo import fill_demo_rulebook
from membersnet.rulebook.models import Clause
from membersnet.training.demo import PUBLISHING_SLUG, fill_demo_courses
from membersnet.training.models import Course
from tests.helpers import client_for, text_of
from tests.membersnet.rulebook.shared import make_edition

RULE_PATH = "/membersnet/rulebook/rule/online-presence/"
RULE_URL = f"http://localhost{RULE_PATH}"
QUOTED = "under the ownership and control of the officers of that branch"
REGISTER = "/admin/online-presence/"


@pytest.fixture
def demo_rulebook(db):
    fill_demo_rulebook()


@pytest.fixture
def rulebook_without_the_rule(db):
    """A rulebook staff loaded, with no clause marked as the rule."""
    make_edition(2026, {"1.1.1": "The party is called the Example Party."})


def _lesson_page(client):
    fill_demo_courses()
    lesson = Course.objects.get(slug=PUBLISHING_SLUG).lessons.get(position=1)
    return client.get(lesson.get_absolute_url())


def _resolves_to_the_clause(client, url):
    """Following `url` as a member ends on the clause, in place on its chapter page."""
    assert url.startswith("http://localhost/")
    response = client.get(url.removeprefix("http://localhost"))
    assert response.status_code == 302
    assert response["Location"] == "/membersnet/rulebook/2026/chapter-3/#clause-3-4-1"
    chapter = client.get(response["Location"])
    assert chapter.status_code == 200
    assert QUOTED in text_of(chapter)


@pytest.mark.parametrize("account", ["@TestfordNorthLabour", "@SomeoneElse"])
def test_the_official_check_answers_quote_the_rule_and_link_to_it(
    demo_rulebook, visitor, member_user, unit_a, officer_a, account
):
    add_entry(
        unit=unit_a,
        platform=PresenceEntry.Platform.X,
        handle="@TestfordNorthLabour",
        purpose="News",
        controllers=[officer_a],
        credentials_note="In the password manager",
    )
    response = visitor.get("/official/", {"account": account})
    assert response.status_code == 200
    text = text_of(response)
    assert "What the party's rules say" in text
    assert QUOTED in text
    assert "Rule 3.4.1, Online presence (model clause" in text
    assert f'<a href="{RULE_URL}">Members can read it in the rulebook</a>' in (
        response.content.decode()
    )
    _resolves_to_the_clause(client_for("localhost", member_user), RULE_URL)


def test_the_official_check_page_before_a_search_does_not_quote_it(demo_rulebook, visitor):
    assert QUOTED not in text_of(visitor.get("/official/"))


def test_the_report_form_quotes_the_rule_and_links_to_it(demo_rulebook, visitor, member_user):
    response = visitor.get("/official/report/")
    assert response.status_code == 200
    assert QUOTED in text_of(response)
    assert f'href="{RULE_URL}"' in response.content.decode()
    _resolves_to_the_clause(client_for("localhost", member_user), RULE_URL)


@pytest.mark.parametrize("where", ["clp", "hub"])
def test_the_register_links_to_the_rule(
    demo_rulebook, clp_a, officer_a, staff_user, unit_a, member_user, where
):
    client = client_for(clp_a, officer_a) if where == "clp" else client_for("localhost", staff_user)
    response = client.get(REGISTER)
    assert response.status_code == 200
    page = response.content.decode()
    # From a constituency's admin too, the link goes to Membersnet on the hub.
    assert f'<a href="{RULE_URL}">rule 3.4.1 of the party\'s rules</a>' in page
    assert "breaking it is a matter of party discipline" in text_of(response)
    _resolves_to_the_clause(client_for("localhost", member_user), RULE_URL)


def test_the_social_media_course_links_to_the_rule(demo_rulebook, member_user):
    client = client_for("localhost", member_user)
    response = _lesson_page(client)
    assert response.status_code == 200
    assert f'<a href="{RULE_PATH}">the party\'s rule on online presence</a>' in (
        response.content.decode()
    )
    _resolves_to_the_clause(client, RULE_URL)


# When the rulebook has no such clause


def test_the_public_pages_leave_the_quotation_out(rulebook_without_the_rule, visitor):
    for response in (
        visitor.get("/official/", {"account": "@SomeoneElse"}),
        visitor.get("/official/report/"),
    ):
        assert response.status_code == 200
        assert "What the party's rules say" not in text_of(response)
        assert RULE_PATH not in response.content.decode()


def test_the_register_and_the_course_still_link_and_the_link_searches_the_rulebook(
    rulebook_without_the_rule, clp_a, officer_a, unit_a, member_user
):
    register = client_for(clp_a, officer_a).get(REGISTER)
    assert f'<a href="{RULE_URL}">the party\'s rules</a>' in register.content.decode()
    client = client_for("localhost", member_user)
    assert f'href="{RULE_PATH}"' in _lesson_page(client).content.decode()
    response = client.get(RULE_PATH, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/membersnet/rulebook/search/?q=online+presence", 302)]
    assert "has no clause marked as the rule on who owns online presence" in text_of(response)


def test_a_rule_unmarked_by_staff_stops_being_quoted(demo_rulebook, visitor):
    Clause.objects.filter(key=Clause.Key.ONLINE_PRESENCE).update(key="")
    assert QUOTED not in text_of(visitor.get("/official/report/"))
