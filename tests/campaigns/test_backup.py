"""A constituency's backup carries its events' links to national campaigns, which live in
the shared schema: found again by the campaign's slug in the database restored into, and
emptied (and reported) where that database has no such campaign."""

import io

import pytest
from django.core.management import call_command
from django_tenants.utils import schema_context

from constituencies.models import Constituency
from constituencies.website.models import EventPage
from tests.factories import add_event

COPY = {"slug": "testford-copy", "gss_code": "E14999903"}


@pytest.fixture
def linked_archive(make_campaign, clp_a, in_schema, tmp_path):
    campaign = make_campaign()
    with in_schema(clp_a):
        add_event("Fair pay stall", campaign=campaign)
    path = tmp_path / "a.tar.gz"
    call_command("export_constituency", clp_a.slug, output=str(path), stdout=io.StringIO())
    return path, campaign


def _restore(path) -> tuple[str, int | None]:
    out = io.StringIO()
    call_command("import_constituency", str(path), stdout=out, **COPY)
    copy = Constituency.objects.get(slug=COPY["slug"])
    with schema_context(copy.schema_name):
        return out.getvalue(), EventPage.objects.get(title="Fair pay stall").campaign_id


def test_a_restored_event_keeps_its_campaign(linked_archive):
    path, campaign = linked_archive
    _out, campaign_id = _restore(path)
    assert campaign_id == campaign.pk


def test_a_campaign_the_database_lacks_is_emptied_and_reported(linked_archive):
    path, campaign = linked_archive
    campaign.slug = "another-campaign"  # as if this database had never had it
    campaign.save()
    out, campaign_id = _restore(path)
    assert campaign_id is None
    assert "website_eventpage.campaign_id: 1 reference(s) to rows unknown here emptied" in out
