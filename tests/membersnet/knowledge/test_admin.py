"""Central staff edit facts, with their sources, in the hub's admin."""

import datetime as dt

from membersnet.knowledge.models import Fact
from membersnet.knowledge.search import search_facts
from tests.helpers import client_for

from .shared import ADD_URL, hub, today


def _source_form(index, title, publisher, url, source_id=""):
    return {
        f"sources-{index}-id": source_id,
        f"sources-{index}-ORDER": str(index + 1),
        f"sources-{index}-DELETE": "",
        f"sources-{index}-title": title,
        f"sources-{index}-publisher": publisher,
        f"sources-{index}-url": url,
        f"sources-{index}-accessed_on": "2025-05-01",
    }


def _fact_form(sources, initial=0, **fields):
    data = {
        "title": "Nursing vacancies",
        "slug": "",
        "figure": "40,000",
        "figure_date": "2025-03-31",
        "claim": "Demo: 40,000 nursing posts stood empty.",
        "notes": "",
        "review_by": (today() + dt.timedelta(days=180)).isoformat(),
        "sources-TOTAL_FORMS": str(len(sources)),
        "sources-INITIAL_FORMS": str(initial),
        "sources-MIN_NUM_FORMS": "1",
        "sources-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for index, source in enumerate(sources):
        data.update(_source_form(index, *source))
    return data


TWO_SOURCES = [
    ("Vacancy statistics", "Example Health Office (demo)", "https://example.org/demo/v"),
    ("Workforce briefing", "Example Research Library (demo)", "https://example.org/demo/w"),
]


def test_staff_create_a_fact_with_two_sources_in_the_admin(staff_user, nhs):
    client = hub(staff_user)
    assert client.get(ADD_URL).status_code == 200
    response = client.post(ADD_URL, _fact_form(TWO_SOURCES, topics=[nhs.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Fact.objects.get(slug="nursing-vacancies")
    assert [s.publisher for s in created.sources.all()] == [
        "Example Health Office (demo)",
        "Example Research Library (demo)",
    ]
    assert list(created.topics.all()) == [nhs]
    assert list(search_facts("workforce")) == [created]  # its sources are searchable at once


def test_staff_edit_a_fact_and_its_sources_in_the_admin(staff_user, fact):
    client = hub(staff_user)
    url = f"/admin/snippets/knowledge/fact/edit/{fact.pk}/"
    assert client.get(url).status_code == 200
    kept = fact.sources.get()
    data = _fact_form(
        [(kept.title, "Example Health Office, renamed (demo)", kept.url, str(kept.pk))]
        + TWO_SOURCES[1:],
        initial=1,
        title=fact.title,
        slug=fact.slug,
        figure="8 million",
        claim="Demo: 8 million treatments are waiting to start.",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    fact.refresh_from_db()
    assert fact.figure == "8 million"
    assert fact.slug == "hospital-waiting-list"
    assert [s.publisher for s in fact.sources.all()] == [
        "Example Health Office, renamed (demo)",
        "Example Research Library (demo)",
    ]


def test_a_fact_without_a_source_is_refused_with_a_clear_error(staff_user):
    response = hub(staff_user).post(ADD_URL, _fact_form([]))
    assert response.status_code == 200
    assert "Add at least one source." in response.content.decode()
    assert not Fact.objects.exists()


def test_deleting_the_only_source_is_refused(staff_user, fact):
    kept = fact.sources.get()
    data = _fact_form(
        [(kept.title, kept.publisher, kept.url, str(kept.pk))], initial=1, slug=fact.slug
    )
    data["sources-0-DELETE"] = "1"
    response = hub(staff_user).post(f"/admin/snippets/knowledge/fact/edit/{fact.pk}/", data)
    assert "Add at least one source." in response.content.decode()
    assert fact.sources.count() == 1


def test_a_source_too_long_to_post_is_refused_in_the_admin(staff_user):
    long_url = "https://example.org/" + "very-long-path/" * 12
    publisher = "Example Office for Very Thorough Health Statistics (demo)"
    assert len(f"Source: {publisher}, {long_url}") > 240
    data = _fact_form([("Report", publisher, long_url)])
    response = hub(staff_user).post(ADD_URL, data)
    assert response.status_code == 200
    assert "too long to fit in a post" in response.content.decode()
    assert not Fact.objects.exists()


def test_the_knowledge_bank_menu_and_reports_are_for_the_hub(staff_user, clp_a, fact):
    hub_admin = hub(staff_user).get("/admin/").content.decode()
    assert "knowledge-bank" in hub_admin
    on_a_site = client_for(clp_a, staff_user)
    assert on_a_site.get("/admin/knowledge-bank/most-shared/").status_code == 404
    assert on_a_site.get("/admin/knowledge-bank/needs-rechecking/").status_code == 404
    assert on_a_site.get("/admin/snippets/knowledge/fact/").status_code == 404
    assert on_a_site.get("/admin/snippets/choose/knowledge/fact/").status_code == 404
    assert "knowledge-bank" not in on_a_site.get("/admin/").content.decode()
