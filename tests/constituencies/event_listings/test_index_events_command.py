"""`manage.py index_events`: rebuild the hub's index of events from the sites."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageViewRestriction

from constituencies.event_listings.models import EventListing
from constituencies.website.models import EventPage
from tests.factories import add_event

from .shared import listed_titles, make_listing, publish_event


def _index_events(*args) -> str:
    out = io.StringIO()
    call_command("index_events", *args, stdout=out)
    return out.getvalue()


def _rows():
    return sorted(EventListing.objects.values_list("constituency__slug", "page_id", "title", "url"))


def test_it_lists_missing_events_corrects_stale_ones_and_removes_gone_ones(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        private = add_event("Private")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        # Made live without Wagtail's publishing (as a database restore or an import
        # would): no receiver has listed them.
        unlisted = add_event("Never indexed")
        changed = publish_event("Old title")
        EventPage.objects.filter(pk=changed.pk).update(title="New title")
    assert listed_titles() == ["Old title"]
    with in_schema(clp_b):
        add_event("South event")
    make_listing(clp_a, "Deleted long ago")

    output = _index_events()

    assert sorted(listed_titles(clp_a)) == ["Never indexed", "New title"]
    assert listed_titles(clp_b) == ["South event"]
    assert unlisted.pk in EventListing.objects.values_list("page_id", flat=True)
    assert "Indexed 3 event(s) of 2 constituency site(s); removed 1 stale listing(s)." in output


def test_it_is_safe_to_repeat(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        add_event("North event")
    with in_schema(clp_b):
        add_event("South event")
    _index_events()
    first = _rows()
    output = _index_events()
    assert _rows() == first
    assert len(first) == 2
    assert "removed 0 stale listing(s)" in output


def test_it_can_rebuild_one_schema(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        add_event("North event")
    with in_schema(clp_b):
        add_event("South event")
    output = _index_events("--schema", clp_b.schema_name, "--verbosity", "2")
    assert listed_titles() == ["South event"]
    assert f"{clp_b.schema_name}: 1 listed, 0 removed" in output


@pytest.mark.parametrize("schema", ["public", "constituency_template", "no_such_schema"])
def test_it_refuses_a_schema_that_is_not_a_site(schema, db):
    with pytest.raises(CommandError, match="No constituency site has the schema"):
        _index_events("--schema", schema)


def test_it_keeps_rows_of_suspended_sites_up_to_date_but_the_hub_hides_them(clp_a, in_schema):
    with in_schema(clp_a):
        add_event("North event")
    clp_a.suspend()
    _index_events()
    assert listed_titles() == ["North event"]
    assert not EventListing.objects.shown().exists()


def test_setup_platform_fills_an_empty_index_and_leaves_a_filled_one_alone(clp_a, in_schema):
    """The first deploy with the index lists the events published before it."""
    with in_schema(clp_a):
        add_event("Published before the index")
    call_command("setup_platform", stdout=io.StringIO())
    assert listed_titles() == ["Published before the index"]
    with in_schema(clp_a):
        add_event("Made live without publishing")
    call_command("setup_platform", stdout=io.StringIO())
    assert listed_titles() == ["Published before the index"]
