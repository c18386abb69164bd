"""A constituency restored from its backup is listed on the hub as its events are: the
index is rebuilt from the restored site, not carried in the backup."""

import io

from django.core.management import call_command

from constituencies.event_listings.models import EventListing
from constituencies.models import Constituency
from constituencies.website.models import EventPage

from .shared import listed_titles, publish_event


def _export(constituency, tmp_path):
    path = tmp_path / "backup.tar.gz"
    call_command("export_constituency", constituency.slug, output=str(path), stdout=io.StringIO())
    return path


def _restore(path, **options):
    call_command("import_constituency", str(path), stdout=io.StringIO(), **options)


def test_a_copy_restored_under_a_new_slug_lists_its_events_on_its_own_domain(
    clp_a, in_schema, tmp_path
):
    with in_schema(clp_a):
        event = publish_event("Backed-up event")
    _restore(_export(clp_a, tmp_path), slug="testford-copy", gss_code="E14999903")
    copy = Constituency.objects.get(slug="testford-copy")
    listing = EventListing.objects.get(constituency=copy)
    assert listing.title == "Backed-up event"
    assert listing.url == f"http://testford-copy.localhost{event.url}"
    assert listed_titles(clp_a) == ["Backed-up event"]


def test_restoring_over_a_site_lists_its_events_as_they_were(clp_a, in_schema, tmp_path):
    with in_schema(clp_a):
        kept = publish_event("In the backup")
    path = _export(clp_a, tmp_path)
    with in_schema(clp_a):
        publish_event("Written after the backup")
        EventPage.objects.get(pk=kept.pk).unpublish()
    assert listed_titles(clp_a) == ["Written after the backup"]
    _restore(path, replace=True)
    assert listed_titles(clp_a) == ["In the backup"]
