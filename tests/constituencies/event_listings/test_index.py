"""The hub's index of events follows each site's events: published, changed,
unpublished, deleted, made private, moved, and their constituency's status."""

import datetime as dt

from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import Page, PageViewRestriction

from constituencies.event_listings import index
from constituencies.event_listings.models import EventListing
from constituencies.models import Constituency
from constituencies.website.models import ActivityType, EventIndexPage, EventPage, GetInvolvedPage

from .shared import listed_titles, publish_event


def test_a_published_event_is_listed_with_what_the_hub_shows(clp_a, in_schema):
    with in_schema(clp_a):
        event = publish_event(
            "Doorstep session",
            activity_type=ActivityType.CANVASSING,
            venue="Library steps",
            postcode="BS5 7AA",
            summary="Knocking on doors.",
            is_key_event=True,
        )
    listing = EventListing.objects.get()
    assert listing.constituency == clp_a
    assert listing.page_id == event.pk
    assert listing.title == "Doorstep session"
    assert listing.summary == "Knocking on doors."
    assert listing.url == f"http://testford-north.localhost{event.url}"
    assert (listing.starts_at, listing.ends_at) == (event.starts_at, event.ends_at)
    assert listing.activity_type == ActivityType.CANVASSING
    assert (listing.venue, listing.postcode, listing.is_key_event) == (
        "Library steps",
        "BS5 7AA",
        True,
    )
    assert listing.latitude is None


def test_the_index_is_written_from_a_sites_schema_into_the_shared_one(clp_a, in_schema):
    """django-tenants puts the public schema on every tenant's search path; the table is
    only in the public schema, so that is where a receiver's write lands."""
    with in_schema(clp_a):
        with connection.cursor() as cursor:
            cursor.execute("SHOW search_path")
            search_path = cursor.fetchone()[0]
            cursor.execute("SELECT to_regclass(%s)", [f"{clp_a.schema_name}.{_table()}"])
            in_site_schema = cursor.fetchone()[0]
        publish_event("Written from the site")
    assert clp_a.schema_name in search_path
    assert "public" in search_path
    assert in_site_schema is None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT title FROM public.{_table()}")  # noqa: S608 - our table's name
        assert cursor.fetchall() == [("Written from the site",)]


def _table():
    return EventListing._meta.db_table


def test_republishing_a_changed_event_changes_its_listing(clp_a, in_schema):
    with in_schema(clp_a):
        event = publish_event("Stall", activity_type=ActivityType.STALL)
        event = EventPage.objects.get(pk=event.pk)
        event.title = "Stall on the high street"
        event.activity_type = ActivityType.SOCIAL
        event.starts_at += dt.timedelta(days=1)
        event.ends_at += dt.timedelta(days=1)
        event.save_revision().publish()
    listing = EventListing.objects.get()
    assert listing.title == "Stall on the high street"
    assert listing.activity_type == ActivityType.SOCIAL
    assert listing.starts_at == event.starts_at


def test_a_draft_change_is_not_listed_until_it_is_published(clp_a, in_schema):
    with in_schema(clp_a):
        event = publish_event("Published title")
        event = EventPage.objects.get(pk=event.pk)
        event.title = "Draft title"
        event.save_revision()
    assert listed_titles() == ["Published title"]


def test_an_unpublished_event_is_no_longer_listed(clp_a, in_schema):
    with in_schema(clp_a):
        event = publish_event("Cancelled")
        kept = publish_event("Still on")
        EventPage.objects.get(pk=event.pk).unpublish()
    assert listed_titles() == ["Still on"]
    with in_schema(clp_a):
        EventPage.objects.get(pk=event.pk).save_revision().publish()
    assert sorted(listed_titles()) == ["Cancelled", "Still on"]
    assert kept.pk in EventListing.objects.values_list("page_id", flat=True)


def test_a_deleted_event_is_no_longer_listed(clp_a, in_schema):
    with in_schema(clp_a):
        event = publish_event("Deleted")
        publish_event("Kept")
        EventPage.objects.get(pk=event.pk).delete()
    assert listed_titles() == ["Kept"]


def test_an_event_made_private_is_not_listed_and_comes_back_when_public(clp_a, in_schema):
    with in_schema(clp_a):
        event = publish_event("Members only")
        restriction = PageViewRestriction.objects.create(
            page=event, restriction_type=PageViewRestriction.LOGIN
        )
        assert listed_titles() == []
        restriction.delete()
    assert listed_titles() == ["Members only"]


def test_a_private_section_hides_every_event_in_it(clp_a, in_schema):
    with in_schema(clp_a):
        publish_event("One")
        publish_event("Two")
        restriction = PageViewRestriction.objects.create(
            page=EventIndexPage.objects.get(locale__language_code="en-gb"),
            restriction_type=PageViewRestriction.GROUPS,
        )
        restriction.groups.set([Group.objects.create(name="Event index readers")])
        assert listed_titles() == []
        # Republishing a private event does not list it.
        EventPage.objects.get(title="One").save_revision().publish()
        assert listed_titles() == []


def test_a_moved_event_is_listed_at_its_new_address(clp_a, in_schema):
    with in_schema(clp_a):
        event = publish_event("Moving")
        get_involved = GetInvolvedPage.objects.get(locale__language_code="en-gb")
        Page.objects.get(pk=event.pk).move(get_involved, pos="last-child")
        moved = EventPage.objects.get(pk=event.pk)
    assert EventListing.objects.get().url == f"http://testford-north.localhost{moved.url}"
    assert "/events/" not in EventListing.objects.get().url


def test_a_renamed_section_relists_its_events_at_their_new_address(
    clp_a, in_schema, django_capture_on_commit_callbacks
):
    with in_schema(clp_a):
        event = publish_event("Renamed section")
        section = EventIndexPage.objects.get(locale__language_code="en-gb")
        section.slug = "whats-on"
        # Wagtail tells of a new slug once it is committed.
        with django_capture_on_commit_callbacks(execute=True):
            section.save_revision().publish()
        moved = EventPage.objects.get(pk=event.pk)
    assert "/whats-on/" in moved.url
    assert EventListing.objects.get().url == f"http://testford-north.localhost{moved.url}"


def test_each_constituency_has_its_own_listings(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        a_event = publish_event("North event")
    with in_schema(clp_b):
        publish_event("South event")
        # An event id of one schema means nothing in another.
        index.forget(a_event.pk)
    assert listed_titles(clp_a) == ["North event"]
    assert listed_titles(clp_b) == ["South event"]
    assert "testford-south.localhost" in EventListing.objects.get(constituency=clp_b).url
    with in_schema(clp_a):
        EventPage.objects.get(pk=a_event.pk).unpublish()
    assert listed_titles() == ["South event"]


def test_a_suspended_or_archived_constituencys_events_are_not_shown(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        publish_event("North event")
    with in_schema(clp_b):
        publish_event("South event")
    clp_a.suspend()
    clp_b.archive()
    assert list(EventListing.objects.shown()) == []
    clp_a.reactivate()
    assert [listing.title for listing in EventListing.objects.shown()] == ["North event"]


def test_a_reactivated_constituency_is_listed_afresh(clp_a, in_schema):
    with in_schema(clp_a):
        publish_event("Before")
    clp_a.suspend()
    EventListing.objects.update(title="Stale")
    clp_a.reactivate()
    assert listed_titles() == ["Before"]


def test_a_deleted_constituency_takes_its_listings_with_it(clp_a, in_schema):
    with in_schema(clp_a):
        publish_event("Kept")
    gone = Constituency.objects.create(
        name="Gone", slug="gone", gss_code="E14999977", schema_name="gone"
    )
    EventListing.objects.create(
        constituency=gone,
        page_id=1,
        title="Gone event",
        url="http://gone.localhost/events/gone/",
        starts_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        activity_type=ActivityType.MEETING,
    )
    gone.delete()
    assert listed_titles() == ["Kept"]


def test_events_of_the_hub_or_the_template_are_never_listed(hub, in_schema, clp_a):
    with in_schema(clp_a):
        event = publish_event("Real")
    # As if a receiver ran in the public schema: nothing to list there.
    assert connection.schema_name == "public"
    assert index.keep_in_step(event) is None
    assert listed_titles() == ["Real"]
