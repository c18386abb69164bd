"""Every page type of a constituency's site, on two sites at once."""

import datetime as dt
import re

from django.utils import timezone

from constituencies.website.models import (
    EventPage,
    GetInvolvedPage,
    Representative,
)
from tests.factories import add_event, add_news
from tests.helpers import client_for

from .shared import _get


def test_every_page_type_shows_its_own_sites_content_only(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        news = add_news("Allotments saved in the north")
        event = add_event("Northern canvass", venue="North Hall")
        activity = EventPage(
            title="Northern phone bank",
            summary="Calls.",
            starts_at=timezone.now() + dt.timedelta(days=2),
        )
        GetInvolvedPage.objects.get(locale__language_code="en-gb").add_child(instance=activity)
        Representative.objects.create(name="Nora North", email="nora@example.org")
    with in_schema(clp_b):
        add_news("Southern library reopens")
        Representative.objects.create(name="Sid South", email="sid@example.org")

    pages = {
        "/": ["Nora North", "Allotments saved in the north", "Northern canvass"],
        "/news/": ["Allotments saved in the north"],
        news.url: ["Allotments saved in the north"],
        "/events/": ["Northern canvass"],
        event.url: ["Northern canvass", "North Hall"],
        f"{event.url}sign-up/": ["Sign up: Northern canvass"],
        "/get-involved/": ["Northern phone bank"],
        "/contact/": ["Write to Nora North"],
    }
    for path, expected in pages.items():
        response, html = _get(clp_a, path)
        assert response.status_code == 200, path
        for text in expected:
            assert text in html, (path, text)
        assert "Southern library" not in html, path
        assert "Sid South" not in html, path
    for path in (news.url, event.url, activity.url):
        assert client_for(clp_b).get(path).status_code == 404


def test_listings_never_skip_a_heading_level(clp_a, in_schema):
    """Screen reader users move by headings: each card's h3 sits under an h2."""
    with in_schema(clp_a):
        add_news("Library reopens")
        add_event("Street stall", starts_in_days=3)
        add_event("Last year's stall", starts_in_days=-30)
    for path in ("/news/", "/events/", "/events/past/"):
        levels = [
            int(level)
            for level in re.findall(r"<h([1-6])\b", client_for(clp_a).get(path).content.decode())
        ]
        assert levels[0] == 1, path
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)


def test_pages_are_found_in_their_sections_and_nowhere_else(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        story = add_news("Library saved")
        story.tags.add("libraries")
        story.save()
        event = add_event("Library party")
        draft = add_news("Not yet", live=False)
    assert _get(clp_a, story.url)[0].status_code == 200
    assert 'href="/news/?tag=libraries"' in _get(clp_a, story.url)[1]
    assert _get(clp_a, f"{event.url}ics/")[0].status_code == 200
    # A story's address under another section, a draft, a page of another site: not found.
    assert client_for(clp_a).get(f"/events/{story.slug}/").status_code == 404
    assert client_for(clp_a).get(f"/news/{draft.slug}/").status_code == 404
    assert client_for(clp_b).get(story.url).status_code == 404
    assert client_for(clp_a).get("/news/library-saved/nothing-here/").status_code == 404
    assert client_for(clp_a).get("/events/nothing-here/").status_code == 404
    # A section's own routes are still found beside its pages.
    assert client_for(clp_a).get("/events/past/").status_code == 200
    assert client_for(clp_a).get("/news/feed/rss/").status_code == 200
