"""Membersnet's search in a real browser: a member searches from the header, sees each
result's kind, opens a lesson from the results; on a phone the box and results fit."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from constituencies.models import Constituency
from membersnet.knowledge.models import Fact, Source
from membersnet.training.models import Course, Lesson
from tests.browser.conftest import sign_in
from tests.factories import make_member

PASSWORD = "correct horse battery staple"


@pytest.fixture
def member(committed):
    with committed():
        constituency = Constituency.objects.get(gss_code="E14999901")
        user = make_member(constituency, email=f"searcher-{uuid.uuid4().hex[:6]}@example.org")
        committed.cleanup(user.member)
        return committed.cleanup(user)


@pytest.fixture
def hustings(committed):
    """A lesson and a fact about hustings; one fact past its review-by date."""
    tag = uuid.uuid4().hex[:6]
    with committed():
        course = committed.cleanup(
            Course.objects.create(
                title="Election campaigns",
                slug=f"campaigns-{tag}",
                summary="How local parties campaign.",
                is_published=True,
            )
        )
        Lesson.objects.create(
            course=course,
            position=1,
            title="Running a hustings",
            text="<p>Book a hall, invite every candidate and choose a fair chair.</p>",
        )
        for title, review_by in [
            ("Hustings held", timezone.localdate() + dt.timedelta(days=90)),
            ("Hustings turnout", timezone.localdate() - dt.timedelta(days=3)),
        ]:
            fact = Fact(
                slug=f"{title.lower().replace(' ', '-')}-{tag}",
                title=title,
                figure="312",
                claim=f"Demo: 312 hustings were held ({title.lower()}).",
                figure_date=dt.date(2025, 6, 30),
                review_by=review_by,
            )
            fact.sources = [
                Source(
                    title="Hustings survey (demo)",
                    publisher="Example Elections Office (demo)",
                    url="https://example.org/hustings",
                    published_on=dt.date(2025, 8, 11),
                    accessed_on=dt.date(2025, 9, 1),
                )
            ]
            fact.save()
            committed.cleanup(fact)
    return course


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_member_searches_membersnet_and_opens_a_result(
    request, viewport, site, member, hustings, screenshots
):
    page = request.getfixturevalue(viewport)
    sign_in(page, site, "localhost", member.email, PASSWORD, next_path="/membersnet/")
    header_search = page.get_by_role("search").get_by_label("Search Membersnet")
    header_search.fill("hustings")
    header_search.press("Enter")
    page.wait_for_url(lambda url: "/membersnet/search/?q=hustings" in url)
    expect(page.get_by_role("heading", level=2, name="3 results for “hustings”")).to_be_visible()
    results = page.locator(".search-result")
    expect(results.filter(has_text="Lesson").filter(has_text="Running a hustings")).to_have_count(1)
    expect(results.filter(has_text="Fact")).to_have_count(2)
    stale = results.filter(has_text="Hustings turnout")
    expect(stale.get_by_text("Due for review")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshots(page, f"results-{viewport}")

    page.get_by_role("link", name="Running a hustings").click()
    expect(page.get_by_role("heading", level=1, name="Running a hustings")).to_be_visible()
    screenshots(page, f"lesson-{viewport}")

    page.goto(site.url("/membersnet/search/?q=zzqxv"))
    expect(page.get_by_text("Nothing matches.")).to_be_visible()
