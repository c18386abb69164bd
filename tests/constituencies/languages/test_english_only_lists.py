"""A Welsh list (news, events, activities) says when pages of the same list are live in
English only, and links to the English list, instead of claiming there is nothing."""

import datetime as dt
import html as html_entities

from django.utils import timezone

from constituencies.website.models import EventPage, GetInvolvedPage
from tests.constituencies.website.test_queries import PAGE_QUERY_BUDGET
from tests.helpers import client_for

from .conftest import in_welsh, publish, published_news

NOTES = {
    "/cy/news/": ("Mae rhai straeon newyddion yn Saesneg yn unig am y tro.", "/news/"),
    "/cy/events/": ("Mae rhai digwyddiadau yn Saesneg yn unig am y tro.", "/events/"),
    "/cy/get-involved/": (
        "Mae rhai gweithgareddau yn Saesneg yn unig am y tro.",
        "/get-involved/",
    ),
}


def _text(constituency, path) -> str:
    response = client_for(constituency).get(path)
    assert response.status_code == 200, path
    return html_entities.unescape(response.content.decode())


def _activity(title):
    """An upcoming activity under Get involved (English), published."""
    starts = timezone.now() + dt.timedelta(days=3)
    page = EventPage(
        title=title, summary="Doors.", starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    GetInvolvedPage.objects.get(locale__language_code="en-gb").add_child(instance=page)
    return publish(page)


def test_welsh_lists_point_to_pages_live_in_english_only(clp_b, in_schema):
    with in_schema(clp_b):
        published_news("Library saved")
        _activity("Canvassing in Splott")  # an activity is an event too
    for path, (note, english) in NOTES.items():
        text = _text(clp_b, path)
        assert note in text, path
        assert f'<a href="{english}" hreflang="en-GB">' in text, path
    # Where the Welsh list is empty, the note replaces "nothing planned yet".
    assert "Dim gweithgareddau" not in _text(clp_b, "/cy/get-involved/")
    assert "Dim digwyddiadau" not in _text(clp_b, "/cy/events/")
    assert "Dim newyddion eto" not in _text(clp_b, "/cy/news/")
    # English pages never carry it.
    for english in ("/news/", "/events/", "/get-involved/"):
        assert "in English only" not in _text(clp_b, english)


def test_no_note_once_everything_is_in_welsh(clp_b, in_schema):
    with in_schema(clp_b):
        in_welsh(published_news("Library saved"), "Achub y llyfrgell")
        in_welsh(_activity("Canvassing in Splott"), "Canfasio yn Sblot")
    for path, (note, _) in NOTES.items():
        assert note not in _text(clp_b, path), path
    assert "Achub y llyfrgell" in _text(clp_b, "/cy/news/")
    assert "Canfasio yn Sblot" in _text(clp_b, "/cy/get-involved/")


def test_a_past_or_unpublished_english_page_is_not_counted(clp_b, in_schema):
    with in_schema(clp_b):
        old = _activity("Last year's stall")
        EventPage.objects.filter(pk=old.pk).update(
            starts_at=timezone.now() - dt.timedelta(days=30),
            ends_at=timezone.now() - dt.timedelta(days=30, hours=-2),
        )
        published_news("Withdrawn story").unpublish()
    for path, (note, _) in NOTES.items():
        assert note not in _text(clp_b, path), path
    assert "Dim newyddion eto" in _text(clp_b, "/cy/news/")


def test_the_note_is_kept_with_the_sites_chrome_so_it_costs_no_query_once_seen(
    clp_a, clp_b, in_schema, django_assert_max_num_queries
):
    for constituency in (clp_a, clp_b):
        with in_schema(constituency):
            published_news("Library saved")
    counts = {}
    for constituency, path in ((clp_a, "/news/"), (clp_b, "/cy/news/")):
        client_for(constituency).get(path, HTTP_COOKIE="sessionid=x")  # the chrome, the note
        with django_assert_max_num_queries(PAGE_QUERY_BUDGET) as queries:
            text = client_for(constituency).get(path, HTTP_COOKIE="sessionid=x").content.decode()
        counts[path] = len(queries.captured_queries)
    assert "Saesneg yn unig" in text
    # As any Welsh page: one more, for the links to its other language.
    assert counts["/cy/news/"] <= counts["/news/"] + 1
