"""A key event's short link and its QR code."""

from wagtail.models import Page, PageViewRestriction

from constituencies.website.models import EventPage, NewsIndexPage
from tests.factories import add_event
from tests.helpers import client_for

from .shared import SHORT_URL, kit_url, text


def test_the_short_link_sends_visitors_to_the_event_page(clp_a, key_event):
    response = client_for(clp_a).get(f"/e/{key_event.pk}/")
    assert response.status_code == 302
    assert response["Location"] == key_event.url
    assert client_for(clp_a).get(response["Location"]).status_code == 200
    # Link previews often ask with HEAD first.
    assert client_for(clp_a).head(f"/e/{key_event.pk}/").status_code == 302


def test_the_short_link_works_for_any_event_not_only_key_ones(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Coffee morning")
    assert client_for(clp_a).get(f"/e/{event.pk}/")["Location"] == event.url


def test_the_short_link_is_not_found_for_pages_that_are_not_public_events(
    clp_a, clp_b, in_schema, key_event
):
    with in_schema(clp_a):
        news_index = NewsIndexPage.objects.get(locale__language_code="en-gb")
        draft = add_event("Draft event", is_key_event=True)
        draft.unpublish()
        private = add_event("Members only", is_key_event=True)
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        missing = Page.objects.order_by("-pk").first().pk + 1000
    with in_schema(clp_b):
        theirs = add_event("Southern rally", is_key_event=True)
    with in_schema(clp_a):
        assert not EventPage.objects.filter(pk=theirs.pk).exists()

    visitor = client_for(clp_a)
    for page_id in (news_index.pk, draft.pk, private.pk, missing, theirs.pk):
        assert visitor.get(f"/e/{page_id}/").status_code == 404, page_id
    # On its own site, the other constituency's event is found.
    assert client_for(clp_b).get(f"/e/{theirs.pk}/").status_code == 302


def test_the_qr_code_is_an_svg_of_the_short_link(clp_a, key_event, officer_a):
    client = client_for(clp_a, officer_a)
    response = client.get(kit_url(key_event) + "qr-code.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.startswith("<svg") or "<svg" in svg[:200]
    assert "<path" in svg
    page = text(client.get(kit_url(key_event)))
    assert SHORT_URL.format(id=key_event.pk) in page
    download = client.get(kit_url(key_event) + "qr-code.svg?download")
    assert "attachment" in download["Content-Disposition"]
