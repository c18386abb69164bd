"""On a 360 px phone, a member opens a lesson video's transcript from the keyboard,
gets a quiz question wrong, and reads which one and why, and how many tries are left."""

import uuid

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from constituencies.models import Constituency
from membersnet.training.demo import DEMO_MEDIA
from membersnet.training.models import Course, Lesson, LessonCompletion, QuizQuestion
from tests.browser.conftest import sign_in
from tests.factories import make_member

PASSWORD = "correct horse battery staple"
NARROW = {"width": 360, "height": 780}


@pytest.fixture
def narrow(chromium):
    context = chromium.new_context(viewport=NARROW, device_scale_factor=2, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def learner(committed):
    with committed():
        north = Constituency.objects.get(gss_code="E14999901")
        user = make_member(north, email=f"learner-{uuid.uuid4().hex[:6]}@example.org")
        committed.cleanup(user.member)
        return committed.cleanup(user)


@pytest.fixture
def course(committed, learner):
    with committed():
        course = committed.cleanup(
            Course.objects.create(
                title="Feedback, the browser way",
                slug=f"feedback-course-{uuid.uuid4().hex[:6]}",
                summary="A course for the test.",
                is_published=True,
                pass_mark=100,
            )
        )
        lesson = Lesson(
            course=course,
            position=1,
            title="Watch this",
            text="<p>Watch the video.</p>",
            transcript="Narrator: Welcome to the course.\n\nNarrator: Trained officers publish.",
        )
        lesson.video.save(
            "intro.webm", ContentFile((DEMO_MEDIA / "publishing-intro.webm").read_bytes()), False
        )
        lesson.captions.save(
            "intro.vtt", ContentFile((DEMO_MEDIA / "publishing-intro.vtt").read_bytes()), False
        )
        lesson.save()
        LessonCompletion.objects.create(user=learner, lesson=lesson)
        for order, (question, right, why) in enumerate(
            [
                ("Who may publish?", "b", "Publishing speaks for the party: see lesson 1."),
                ("What must images have?", "a", "Screen readers say what a picture shows."),
            ]
        ):
            QuizQuestion.objects.create(
                course=course,
                sort_order=order,
                question=question,
                choice_a=f"First answer {order}",
                choice_b=f"Second answer {order}",
                choice_c=f"Third answer {order}",
                correct=right,
                explanation=why,
            )
    return course


def test_a_member_reads_the_transcript_and_the_feedback_on_a_narrow_phone(
    narrow, site, learner, course, screenshots
):
    page = narrow
    sign_in(page, site, "localhost", learner.email, PASSWORD, next_path="/membersnet/")
    page.goto(site.url(f"/membersnet/training/{course.slug}/1/"))
    transcript = page.get_by_text("Narrator: Trained officers publish.")
    expect(transcript).to_be_hidden()
    page.locator("details.transcript summary").focus()
    page.keyboard.press("Enter")
    expect(transcript).to_be_visible()
    screenshots(page, "transcript-open")

    page.goto(site.url(f"/membersnet/training/{course.slug}/quiz/"))
    expect(page.get_by_text("You have 5 tries left today.", exact=False)).to_be_visible()
    page.get_by_label("Second answer 0").check()
    page.get_by_label("Second answer 1").check()  # wrong: the first is right
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_role("heading", name="Not passed yet")).to_be_visible()
    wrong = page.locator(".quiz-feedback__item--wrong")
    expect(wrong).to_have_count(1)
    expect(wrong).to_contain_text("What must images have?")
    expect(wrong).to_contain_text("Not right")
    expect(wrong).to_contain_text("Screen readers say what a picture shows.")
    expect(page.get_by_text("You have 4 tries left today.")).to_be_visible()
    expect(page.locator(".quiz-feedback")).not_to_contain_text("First answer 1")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"]  # nothing wider than the phone
    screenshots(page, "feedback")
