"""Searching the knowledge bank."""

import pytest

from membersnet.knowledge.search import search_facts

from .shared import add_fact, hub


def test_search_ranks_the_fact_about_the_words_first(member_user):
    passing = add_fact(
        "Bus fares",
        "£2",
        "Demo: a bus fare costs £2.",
        notes="Compare it with waiting lists for hospital treatment.",
    )
    central = add_fact(
        "Hospital waiting lists",
        "7.5 million",
        "Demo: 7.5 million people are on hospital waiting lists.",
    )
    add_fact("Rail fares", "£5,000", "Demo: season tickets cost £5,000.")
    assert list(search_facts("hospital waiting lists")) == [central, passing]
    page = hub(member_user).get("/membersnet/facts/search/?q=hospital+waiting+lists")
    html = page.content.decode()
    assert "2 facts for “hospital waiting lists”" in html
    assert html.index(central.get_absolute_url()) < html.index(passing.get_absolute_url())
    assert "Rail fares" not in html


def test_search_finds_word_forms_topics_and_sources(nhs):
    found = add_fact(
        "Renting",
        "1 in 4",
        "Demo: 1 in 4 renters spend a third of their pay on housing.",
        topics=[nhs],
        publisher="Example Housing Observatory (demo)",
    )
    assert list(search_facts("houses")) == [found]  # "housing" and "houses" share a stem
    assert list(search_facts("NHS")) == [found]  # its topic
    assert list(search_facts("observatory")) == [found]  # its source's publisher
    assert list(search_facts('"third of their pay"')) == [found]
    assert list(search_facts("renters -housing")) == []


def test_the_search_index_follows_edits_to_facts_and_topics(nhs):
    edited = add_fact(topics=[nhs])
    edited.claim = "Demo: ambulances took an hour to arrive."
    edited.save()
    assert list(search_facts("ambulances")) == [edited]
    assert list(search_facts("treatments")) == []
    nhs.name = "Health service"
    nhs.save()
    assert list(search_facts("health service")) == [edited]


def test_a_search_from_the_index_page_shows_results(member_user, fact):
    html = hub(member_user).get("/membersnet/facts/?q=treatments").content.decode()
    assert "1 fact for “treatments”" in html
    assert fact.get_absolute_url() in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "Type a word or two to search the facts"),
        ("   ", "Type a word or two to search the facts"),
        ("the", "0 facts for “the”"),
        ('"unclosed -( & | !', "0 facts for"),
        ("x" * 201, "Search with fewer words: at most 200 characters (you typed 201)."),
    ],
)
def test_empty_odd_and_overlong_searches_are_answered_gracefully(
    member_user, fact, query, expected
):
    response = hub(member_user).get("/membersnet/facts/search/", {"q": query})
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_an_overlong_search_is_shown_as_an_error_on_its_field(member_user, fact):
    html = hub(member_user).get("/membersnet/facts/search/", {"q": "x" * 300}).content.decode()
    assert 'class="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert "<title>Error:" in html
