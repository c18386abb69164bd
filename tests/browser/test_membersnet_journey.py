"""Membersnet in a real browser: a member signs in, watches a lesson (the video plays to
its end), passes the quiz, downloads the certificate, searches the rulebook for a clause
and opens it, and copies a fact's ready-made post."""

import datetime as dt
import uuid

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from constituencies.models import Constituency
from membersnet.knowledge.models import Fact, Source, Topic
from membersnet.rulebook.models import Chapter, Clause, Edition, Section
from membersnet.training.demo import DEMO_MEDIA
from membersnet.training.models import Course, Lesson
from tests.browser.conftest import add_publishing_quiz, sign_in
from tests.factories import make_member
from tests.helpers import eventually

PASSWORD = "correct horse battery staple"


@pytest.fixture
def member(committed):
    with committed():
        constituency = _north()
        user = make_member(constituency, email=f"member-{uuid.uuid4().hex[:6]}@example.org")
        committed.cleanup(user.member)
        return committed.cleanup(user)


def _north():

    return Constituency.objects.get(gss_code="E14999901")


@pytest.fixture
def course(committed):
    slug = f"browser-course-{uuid.uuid4().hex[:6]}"
    with committed():
        course = committed.cleanup(
            Course.objects.create(
                title="Publishing, the browser way",
                slug=slug,
                summary="A course for the test.",
                is_published=True,
                pass_mark=50,
            )
        )
        lesson = Lesson(
            course=course, position=1, title="Watch this", text="<p>Watch the video.</p>"
        )
        lesson.video.save(
            "intro.webm",
            ContentFile((DEMO_MEDIA / "publishing-intro.webm").read_bytes()),
            save=False,
        )
        captions = ContentFile((DEMO_MEDIA / "publishing-intro.vtt").read_bytes())
        lesson.captions.save("intro.vtt", captions, save=False)
        lesson.save()
        Lesson.objects.create(course=course, position=2, title="Read this", text="<p>Read me.</p>")
        add_publishing_quiz(course)
    return course


@pytest.fixture
def rulebook(committed):
    year = 2400 + int(uuid.uuid4().hex[:2], 16)  # far from any real or demo edition
    with committed():
        edition = committed.cleanup(
            Edition.objects.create(
                year=year, title=f"Browser test rulebook {year}", published_on=dt.date(2026, 1, 1)
            )
        )
        chapter = Chapter.objects.create(edition=edition, number=7, title="Meetings")
        section = Section.objects.create(chapter=chapter, number=4, title="Quorum")
        Clause.objects.create(
            section=section,
            number=2,
            text="A general meeting is quorate when a tenth of members are present.",
        )
    return edition


@pytest.fixture
def fact(committed):
    slug = f"browser-fact-{uuid.uuid4().hex[:6]}"
    with committed():
        topic = committed.cleanup(Topic.objects.create(name=f"Buses {slug}", slug=slug))
        fact = committed.cleanup(
            Fact.objects.create(
                slug=slug,
                title="Bus routes cut",
                figure="1 in 4",
                claim="Demo fact: one in four rural bus routes was cut in ten years.",
                figure_date=dt.date(2025, 6, 1),
                review_by=timezone.localdate() + dt.timedelta(days=200),
            )
        )
        fact.topics.add(topic)
        Source.objects.create(
            fact=fact,
            title="Bus services survey (demo)",
            publisher="Example Transport Office",
            url="https://example.org/buses",
            accessed_on=dt.date(2026, 1, 5),
        )
        fact.save()  # refresh its search vector with its source
    return fact


def test_a_member_trains_gets_certified_searches_the_rulebook_and_shares_a_fact(
    desktop, site, member, course, rulebook, fact, screenshots, tmp_path
):
    page = desktop
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    sign_in(page, site, "localhost", member.email, PASSWORD, next_path="/membersnet/")
    expect(
        page.get_by_role("heading", level=1, name=f"Welcome, {member.member.name}")
    ).to_be_visible()
    screenshots(page, "dashboard")

    page.goto(site.url(f"/membersnet/training/{course.slug}/"))
    page.get_by_role("link", name="Watch this").click()
    video = page.locator("video")
    expect(video).to_be_visible()
    tracks = page.locator("video track[kind=captions]")
    expect(tracks).to_have_count(1)
    screenshots(page, "lesson")
    page.evaluate("video => { video.muted = true; return video.play(); }", video.element_handle())
    _wait_until_played(page, seconds=0.5)
    screenshots(page, "lesson-playing")
    expect(page.get_by_text("You've done this lesson.")).to_be_visible(timeout=15_000)  # on `ended`

    page.goto(site.url(f"/membersnet/training/{course.slug}/2/"))
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_role("link", name="Take the quiz")).to_be_visible()
    page.get_by_role("link", name="Take the quiz").click()
    page.get_by_label("Trained officers and editors").check()
    page.get_by_label("Alt text").check()
    screenshots(page, "quiz")
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_role("heading", name="You passed")).to_be_visible()
    page.get_by_role("link", name="See your certificate").click()
    expect(page.get_by_role("heading", name=member.member.name)).to_be_visible()
    screenshots(page, "certificate")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the certificate (PDF)").click()
    pdf = tmp_path / "certificate.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    page.goto(site.url("/membersnet/rulebook/search/"))
    page.get_by_label("Search the rulebook").fill("7.4.2")
    page.get_by_label("Search the rulebook").press("Enter")
    page.wait_for_url(lambda url: url.endswith("#clause-7-4-2"))  # a clause number jumps to it
    expect(page.get_by_text("A general meeting is quorate")).to_be_visible()
    screenshots(page, "rulebook-clause")

    page.goto(site.url(f"/membersnet/facts/{fact.slug}/"))
    expect(page.get_by_role("heading", name="Bus routes cut")).to_be_visible()
    page.get_by_role("button", name="Copy the post for X").click()
    expect(page.get_by_text("Copied").first).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "1 in 4" in copied
    assert "example.org/buses" in copied
    assert len(copied) <= 280
    screenshots(page, "fact-copied")


def _wait_until_played(page, seconds, timeout=10):
    """Until the video has played this far. Playwright's wait_for_function compiles its
    predicate with `new Function`, which the pages' Content-Security-Policy forbids."""
    played = eventually(
        lambda: page.evaluate("() => document.querySelector('video').currentTime") > seconds,
        timeout=timeout,
        every=0.1,
    )
    assert played, f"the video did not play {seconds}s in {timeout} s"
