"""Every lesson video has a transcript, which members open under the video; staff write
it in the admin, which refuses a video without one."""

from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from membersnet.training.demo import fill_demo_courses
from membersnet.training.models import Course, Lesson

from .shared import CAPTIONS, VIDEO, add_video, make_course, text
from .test_admin import hub_admin, lesson_form


def test_the_transcript_opens_under_the_video(member, course):
    lesson = course.lessons.get(position=1)
    lesson.transcript = "Narrator: Welcome.\n\nNarrator: Let's begin & learn."
    lesson.save()
    soup = BeautifulSoup(member.get(lesson.get_absolute_url()).content, "html.parser")
    transcript = soup.select_one("figure.lesson-video + details.transcript")
    assert transcript is not None
    assert "open" not in transcript.attrs  # closed until asked for
    assert transcript.summary.get_text(" ", strip=True) == "Read the transcript of the video"
    paragraphs = [p.get_text() for p in transcript.select(".transcript__text p")]
    assert paragraphs == ["Narrator: Welcome.", "Narrator: Let's begin & learn."]


def test_a_lesson_without_a_video_has_no_transcript(member, course):
    page = text(member.get(course.lessons.get(position=2).get_absolute_url()))
    assert "Read the transcript" not in page


def test_staff_write_the_transcript_in_the_admin(staff):
    course = make_course(lessons=0)
    response = staff.post(
        hub_admin("lessons:add"),
        lesson_form(
            course,
            video=SimpleUploadedFile("intro.webm", VIDEO),
            captions=SimpleUploadedFile("intro.vtt", CAPTIONS),
            transcript="Narrator: Welcome to the course.",
        ),
    )
    assert response.status_code == 302, text(response)
    assert course.lessons.get().transcript == "Narrator: Welcome to the course."


def test_a_video_without_a_transcript_is_refused_and_what_was_typed_is_kept(staff):
    course = make_course(lessons=0)
    response = staff.post(
        hub_admin("lessons:add"),
        lesson_form(
            course,
            title="A lesson typed with care",
            video=SimpleUploadedFile("intro.webm", VIDEO),
            captions=SimpleUploadedFile("intro.vtt", CAPTIONS),
            transcript="   ",
        ),
    )
    assert response.status_code == 200
    assert "Add a transcript of the video." in text(response)
    assert 'value="A lesson typed with care"' in text(response)
    assert not Lesson.objects.filter(course=course).exists()


def test_a_course_with_a_video_lacking_a_transcript_cannot_be_published(staff):
    """A lesson from before transcripts existed: the lesson list flags it, and the
    course can't be published until it has one."""
    course = make_course("Old course", lessons=1, published=False)
    add_video(course.lessons.get(), transcript="")
    listing = text(staff.get(hub_admin("lessons:index")))
    assert "Missing: add one" in listing

    form = {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "is_published": "on",
        "pass_mark": "80",
        "months_valid": "",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    url = reverse("courses:edit", args=[course.pk], urlconf="labourhub.urls_public")
    response = staff.post(url, form)
    assert response.status_code == 200
    assert "Add a transcript to every video lesson first: 1. Old course: lesson 1." in text(
        response
    )
    course.refresh_from_db()
    assert not course.is_published

    Lesson.objects.filter(course=course).update(transcript="Narrator: Hello.")
    assert staff.post(url, form).status_code == 302
    course.refresh_from_db()
    assert course.is_published


def test_the_demo_video_has_a_transcript_and_the_demo_quiz_explanations(db):
    fill_demo_courses()
    course = Course.objects.get(slug="publishing-on-your-clp-site")
    intro = course.lessons.get(position=1)
    assert "Welcome to Publishing on your CLP site." in intro.transcript
    assert intro.clean() is None
    assert all(len(question.explanation) > 60 for question in course.questions.all())
    assert course.months_valid == 12


def test_demo_courses_loaded_before_transcripts_get_them(db):
    fill_demo_courses()
    course = Course.objects.get(slug="publishing-on-your-clp-site")
    course.lessons.update(transcript="")
    course.questions.update(explanation="")
    assert fill_demo_courses() is False
    assert course.lessons.get(position=1).transcript
    assert not course.questions.filter(explanation="").exists()
