"""What's new in the knowledge bank, its demo data, and its queries at scale."""

import datetime as dt

import pytest
from django.utils import timezone

from membersnet.knowledge.demo import fill_demo_facts, make_benchmark_facts
from membersnet.knowledge.models import Fact, Source, Topic
from membersnet.knowledge.search import search_facts
from membersnet.knowledge.whats_new import new_since

from .shared import add_fact, hub, today


def test_new_facts_appear_in_whats_new_newest_first(fact):
    later = add_fact("Later fact")
    add_fact("Hidden fact", review_by=today() - dt.timedelta(days=3))
    Fact.objects.filter(pk=later.pk).update(created_at=timezone.now() + dt.timedelta(minutes=1))
    items = new_since(None)
    assert [item.title for item in items] == ["Later fact", "Hospital waiting list"]
    assert items[0].kind == "Fact"
    assert items[0].url == later.get_absolute_url()
    assert items[1].summary == "Demo: 7.5 million treatments are waiting to start."
    assert [item.title for item in new_since(fact.created_at)] == ["Later fact"]
    assert len(new_since(None, limit=1)) == 1


def test_demo_facts_are_made_once_and_plainly_marked_as_demo(db):
    made = fill_demo_facts()
    assert made >= 30
    assert fill_demo_facts() == 0
    facts = Fact.objects.prefetch_related("sources", "topics")
    assert facts.count() == made
    assert Topic.objects.count() >= 6
    assert Fact.objects.due_for_review().exists()
    for demo in facts:
        assert demo.claim.startswith("Demo:")
        assert demo.sources.all()
        for source in demo.sources.all():
            assert source.url.startswith("https://example.org/")
            assert source.publisher.endswith("(demo)")
        for post in demo.share_posts():
            assert post.length <= post.limit


def test_benchmark_facts_are_made_in_bulk_and_searchable(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):  # however many facts
        facts = make_benchmark_facts(120)
    assert len(facts) == 120
    assert Fact.objects.filter(search_vector__isnull=True).count() == 0
    assert search_facts("benchmark").count() == 120
    assert make_benchmark_facts(2)[0].slug == "benchmark-120"


def _fill(count):
    topic, _ = Topic.objects.get_or_create(name="Filler")
    for number in range(count):
        add_fact(f"Filler {Fact.objects.count()} {number}", topics=[topic])


@pytest.mark.parametrize("path", ["/membersnet/facts/", "/membersnet/facts/?q=treatments"])
def test_list_query_counts_do_not_grow_with_the_facts(
    member_user, django_assert_max_num_queries, path
):
    _fill(2)
    client = hub(member_user)
    client.get(path)  # the host's constituency is then looked up from the cache
    with django_assert_max_num_queries(10) as few:
        assert client.get(path).status_code == 200
    _fill(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(path).status_code == 200


def test_fact_page_query_count_does_not_grow_with_sources_or_topics(
    member_user, nhs, django_assert_max_num_queries
):
    plain = add_fact("Plain")
    extra = [
        Source(title=f"R{n}", publisher="P (demo)", url="https://example.org/", accessed_on=today())
        for n in range(5)
    ]
    topics = [nhs, *(Topic.objects.create(name=f"Topic {n}") for n in range(5))]
    rich = add_fact("Rich", topics=topics, extra_sources=extra)
    client = hub(member_user)
    client.get(plain.get_absolute_url())  # the host's constituency is then cached
    with django_assert_max_num_queries(9) as few:
        assert client.get(plain.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(rich.get_absolute_url()).status_code == 200
