"""The knowledge bank's pages: who may use them, browsing, a fact's page and its review-by date."""

import datetime as dt
import re

import pytest

from membersnet.knowledge.models import ShareEvent, Source, Topic
from membersnet.knowledge.search import search_facts
from membersnet.knowledge.share_text import NETWORKS
from membersnet.knowledge.whats_new import new_since

from .shared import NOT_A_MEMBER, add_fact, hub, member_paths, share, today


def test_anonymous_visitors_are_sent_to_sign_in_from_every_knowledge_page(fact, nhs):
    client = hub()
    for path in member_paths(fact, nhs):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/"), path
    response = share(client, fact)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not ShareEvent.objects.exists()


@pytest.mark.parametrize("who", ["non_member_user", "lapsed_member"])
def test_people_without_a_current_membership_are_refused_every_knowledge_page(
    request, who, fact, nhs
):
    client = hub(request.getfixturevalue(who))
    for path in member_paths(fact, nhs):
        response = client.get(path)
        assert response.status_code == 403, path
        assert NOT_A_MEMBER in response.content.decode(), path
    response = share(client, fact)
    assert response.status_code == 403
    assert NOT_A_MEMBER in response.content.decode()
    assert not ShareEvent.objects.exists()


@pytest.mark.parametrize("who", ["member_user", "staff_user"])
def test_members_and_central_staff_can_use_every_knowledge_page(request, who, fact, nhs):
    client = hub(request.getfixturevalue(who))
    for path in member_paths(fact, nhs):
        assert client.get(path).status_code == 200, path
    response = share(client, fact)
    assert response.status_code == 200
    assert "counted" in response.json()


def test_members_browse_facts_by_topic(member_user, nhs):
    housing = Topic.objects.create(name="Housing")
    add_fact("Waiting list", topics=[nhs])
    add_fact("Rent", "1 in 4", "Demo: 1 in 4 renters struggle.", topics=[housing])
    index = hub(member_user).get("/membersnet/facts/").content.decode()
    assert 'href="/membersnet/facts/topic/nhs/"' in index
    assert 'href="/membersnet/facts/topic/housing/"' in index
    page = hub(member_user).get("/membersnet/facts/topic/housing/").content.decode()
    assert "Rent" in page
    assert "Waiting list" not in page
    assert hub(member_user).get("/membersnet/facts/topic/nowhere/").status_code == 404


def test_the_facts_are_paginated(member_user):
    for number in range(23):
        add_fact(f"Filler fact {number:02d}")
    first = hub(member_user).get("/membersnet/facts/").content.decode()
    second = hub(member_user).get("/membersnet/facts/?page=2").content.decode()
    assert "Page 1 of 2" in first
    assert first.count('class="card knowledge-card"') == 20
    assert second.count('class="card knowledge-card"') == 3
    assert "Filler fact 22" in first  # newest first
    assert "Filler fact 00" in second


def test_a_fact_has_a_stable_address_made_from_its_title(fact):
    assert fact.slug == "hospital-waiting-list"
    assert fact.get_absolute_url() == "/membersnet/facts/hospital-waiting-list/"
    fact.title = "Hospital waiting lists, renamed"
    fact.save()
    fact.refresh_from_db()
    assert fact.slug == "hospital-waiting-list"
    assert add_fact().slug == "hospital-waiting-list-2"
    assert add_fact(title="Search").slug == "search-2"  # /facts/search/ is the search page


def test_the_fact_page_shows_the_figure_claim_and_every_source(member_user, nhs):
    second = Source(
        title="Second look",
        publisher="Example Research Library (demo)",
        url="https://example.org/demo/second",
        published_on=dt.date(2025, 3, 28),
        accessed_on=dt.date(2025, 4, 2),
    )
    shown = add_fact(topics=[nhs], notes="Use it with care.", extra_sources=[second])
    shown.sources.exclude(pk=second.pk).update(published_on=dt.date(2025, 5, 14))
    page = hub(member_user).get(shown.get_absolute_url()).content.decode()
    assert '<p class="knowledge-fact__figure">7.5 million</p>' in page
    assert "Demo: 7.5 million treatments are waiting to start." in page
    assert "31 March 2025" in page
    assert "Use it with care." in page
    assert 'href="https://example.org/demo/waiting"' in page
    assert "Example Research Library (demo)" in page
    assert "Accessed 2 April 2025" in page
    assert "Example Research Library (demo), 28 March 2025." in page
    assert "<dt>Source dated</dt><dd>14 May 2025</dd>" in page  # the lead source's
    assert f"<dt>Review by</dt><dd>{shown.review_by:%-d %B %Y}</dd>" in page
    assert "Due for review" not in page
    assert "Edit in the admin" not in page  # for staff only


def test_the_share_panel_offers_a_post_per_network_to_copy(member_user, fact):
    page = hub(member_user).get(fact.get_absolute_url()).content.decode()
    for network in NETWORKS:
        key = network.key
        assert f'<label for="post-{key}">Post for {network.name}</label>' in page
        assert re.search(rf'<textarea id="post-{key}" rows="6" readonly', page)
        assert (
            f'data-network="{key}" hidden>Copy<span class="visually-hidden"> the post for '
            f"{network.name}</span></button>"
        ) in page
        assert f'id="post-{key}-status" role="status" aria-live="polite"' in page
    assert "Source: Example Health Office (demo), https://example.org/demo/waiting" in page
    assert '<script src="/static/js/knowledge-share.js" defer></script>' in page
    assert "<script>" not in page  # no inline script
    assert f'href="/membersnet/facts/{fact.slug}/card.png?download=1"' in page
    assert 'data-share-url="/membersnet/facts/hospital-waiting-list/share/"' in page


def test_the_search_field_is_labelled(member_user, fact):
    page = hub(member_user).get("/membersnet/facts/").content.decode()
    assert '<label for="id_q">Search the facts</label>' in page
    assert re.search(r'<input type="search" name="q" id="id_q"', page)


def _everything_members_see(client, fact, topic):
    pages = [
        "/membersnet/facts/",
        f"/membersnet/facts/topic/{topic.slug}/",
        "/membersnet/facts/search/?q=treatments",
    ]
    return "".join(client.get(path).content.decode() for path in pages)


@pytest.mark.parametrize("days_left", [0, 1])
def test_a_fact_is_shown_up_to_and_including_its_review_by_day(member_user, nhs, days_left):
    shown = add_fact(topics=[nhs], review_by=today() + dt.timedelta(days=days_left))
    client = hub(member_user)
    assert shown.get_absolute_url() in _everything_members_see(client, shown, nhs)
    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(f"{shown.get_absolute_url()}card.png").status_code == 200
    assert not shown.is_due_for_review()
    assert "Due for review" not in client.get(shown.get_absolute_url()).content.decode()


def test_a_fact_past_its_review_by_day_is_marked_everywhere_members_look_and_not_shared(
    member_user, nhs
):
    """Members still find a fact due for review, marked, with its dates; it has no
    ready-made posts or card until staff re-check it, and is not announced as new.
    (Until issue 12 such a fact was hidden from members altogether.)"""
    stale = add_fact(topics=[nhs], review_by=today() - dt.timedelta(days=1))
    client = hub(member_user)
    for path in [
        "/membersnet/facts/",
        "/membersnet/facts/topic/nhs/",
        "/membersnet/facts/search/?q=treatments",
    ]:
        page = client.get(path).content.decode()
        card = page.split(stale.get_absolute_url())[1].split("</li>")[0]
        assert '<span class="badge badge--warning">Due for review</span>' in card, path
        assert f"Review by {stale.review_by:%-d %B %Y}" in card, path
    response = client.get(stale.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Due for review" in page
    assert "cannot be shared from here until the party's staff re-check it" in page
    assert "Share this fact" not in page
    assert "card.png" not in page
    assert client.get(f"{stale.get_absolute_url()}card.png").status_code == 404
    assert client.get(f"{stale.get_absolute_url()}card.png?download=1").status_code == 404
    assert share(client, stale).status_code == 404
    assert not ShareEvent.objects.exists()
    assert list(search_facts("treatments")) == [stale]
    assert new_since(None) == []
    assert stale.is_due_for_review()


def test_staff_see_the_review_by_date_with_an_edit_link(staff_user, fact):
    page = hub(staff_user).get(fact.get_absolute_url()).content.decode()
    assert f"<dt>Review by</dt><dd>{fact.review_by:%-d %B %Y} · <a href=" in page
    assert "Edit in the admin" in page


def test_staff_see_facts_past_their_review_by_day_to_recheck(staff_user):
    add_fact("Overdue fact", review_by=today() - dt.timedelta(days=1))
    add_fact("Due today", review_by=today())
    add_fact("Due next year", review_by=today() + dt.timedelta(days=365))
    page = hub(staff_user).get("/admin/knowledge-bank/needs-rechecking/").content.decode()
    overdue, _, due_soon = page.partition("Due in the next 30 days")
    assert "Overdue fact" in overdue
    assert "Due today" not in overdue
    assert "Due today" in due_soon
    assert "Due next year" not in page


def test_staff_see_which_facts_are_due_for_review_in_the_facts_list(staff_user):
    add_fact("Overdue fact", review_by=today() - dt.timedelta(days=1))
    add_fact("Current fact", review_by=today() + dt.timedelta(days=30))
    page = hub(staff_user).get("/admin/snippets/knowledge/fact/").content.decode()
    overdue_row = page.partition("Overdue fact")[2].partition("</tr>")[0]
    current_row = page.partition("Current fact")[2].partition("</tr>")[0]
    assert "Due for review" in overdue_row
    assert "Due for review" not in current_row
    assert "Current" in current_row
