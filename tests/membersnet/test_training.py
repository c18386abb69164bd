"""Membersnet training: members take courses of lessons (a captioned video streamed only
to members, text, downloadable resources), mark them done, pass an optional quiz and get
a certificate anyone can check by its code. Central staff write the courses in the
hub's admin."""

import base64
import datetime
import html
import json
import re
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone as django_timezone

from membersnet import private_files
from membersnet.training import progress
from membersnet.training.models import (
    Course,
    CourseCompletion,
    Lesson,
    LessonCompletion,
    LessonResource,
    QuizAttempt,
    QuizQuestion,
)
from tests.factories import make_member
from tests.helpers import client_for

DEMO_MEDIA = Path(progress.__file__).parent / "demo_media"
VIDEO = (DEMO_MEDIA / "publishing-intro.webm").read_bytes()
CAPTIONS = (DEMO_MEDIA / "publishing-intro.vtt").read_bytes()
NOT_A_MEMBER = "Membersnet is for party members"
TRAINING = "/membersnet/training/"


def make_course(
    title="Publishing basics", *, slug=None, lessons=2, questions=0, published=True, **fields
):
    """A course with `lessons` text lessons (positions 1, 2, …) and `questions` quiz
    questions, each answered right by "b"."""
    course = Course.objects.create(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        summary=f"All about {title.lower()}.",
        is_published=published,
        **fields,
    )
    for position in range(1, lessons + 1):
        Lesson.objects.create(
            course=course,
            position=position,
            title=f"{title}: lesson {position}",
            text=f"<p>What to know, part {position}.</p>",
        )
    for order in range(questions):
        QuizQuestion.objects.create(
            course=course,
            sort_order=order,
            question=f"Question {order + 1}?",
            choice_a="Wrong",
            choice_b="Right",
            choice_c="Also wrong",
            correct="b",
        )
    return course


def add_video(lesson, *, captions=True):
    lesson.video.save("intro.webm", ContentFile(VIDEO), save=False)
    if captions:
        lesson.captions.save("intro.vtt", ContentFile(CAPTIONS), save=False)
    lesson.video_description = "A red title card."
    lesson.save()
    return lesson


def add_resource(lesson, title="Checklist", name="checklist.txt", content=b"1. Check it.\n"):
    resource = LessonResource(lesson=lesson, title=title)
    resource.file.save(name, ContentFile(content), save=False)
    resource.save()
    return resource


def complete(user, course):
    """`user` has completed `course`, as if they had taken it."""
    return CourseCompletion.objects.create(
        user=user, course=course, name_on_certificate=user.get_full_name()
    )


def text(response):
    """The page as a person reads it (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


def words(response):
    """What a person reads on the page: the text without its tags, spaces collapsed."""
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_text(pdf: bytes) -> str:
    """What a PDF from reportlab draws: its page streams are ASCII85-encoded and
    Flate-compressed."""
    drawn = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        data = stream.strip()
        if data.endswith(b"~>"):
            data = base64.a85decode(data[:-2])
        try:
            drawn.append(zlib.decompress(data).decode("latin-1"))
        except zlib.error:
            drawn.append(data.decode("latin-1"))
    return "\n".join(drawn)


def answers(course, right):
    """A quiz form answering the first `right` questions right and the rest wrong."""
    questions = list(course.questions.order_by("sort_order"))
    return {
        f"question_{question.pk}": "b" if number < right else "a"
        for number, question in enumerate(questions)
    }


def do_every_lesson(user, course):
    for lesson in course.lessons.all():
        LessonCompletion.objects.get_or_create(user=user, lesson=lesson)


def progress_bar(page):
    """(percent, words) of the first progress bar on a page."""
    soup = BeautifulSoup(page, "html.parser")
    bar = soup.select_one(".progress")
    return int(bar.progress["value"]), bar.select_one(".progress__text").get_text(strip=True)


@pytest.fixture
def member(member_user):
    return client_for("localhost", member_user)


@pytest.fixture
def course(db):
    """A published course: a video lesson with captions and a resource, a text lesson,
    and a one-question quiz."""
    course = make_course(lessons=2, questions=1)
    lesson = course.lessons.get(position=1)
    add_video(lesson)
    add_resource(lesson)
    return course


# ---------------------------------------------------------------------------
# Members only
# ---------------------------------------------------------------------------


def _urls(course):
    lesson = course.lessons.get(position=1)
    resource = lesson.resources.get()
    base = course.get_absolute_url()
    return {
        "course list": TRAINING,
        "course": base,
        "lesson": lesson.get_absolute_url(),
        "video": f"{lesson.get_absolute_url()}video/",
        "captions": f"{lesson.get_absolute_url()}captions/",
        "resource": f"{lesson.get_absolute_url()}resources/{resource.pk}/",
        "quiz": f"{base}quiz/",
        "certificate": f"{base}certificate/",
        "certificate pdf": f"{base}certificate.pdf",
    }


PAGES = [
    "course list",
    "course",
    "lesson",
    "video",
    "captions",
    "resource",
    "quiz",
    "certificate",
    "certificate pdf",
]


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in_from_every_training_page(course, page):
    url = _urls(course)[page]
    response = client_for("localhost").get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_anonymous_visitors_cannot_mark_a_lesson_done(course):
    response = client_for("localhost").post(f"{course.lessons.first().get_absolute_url()}done/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not LessonCompletion.objects.exists()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", ["non_member_user", "lapsed_member"])
def test_people_who_are_not_current_members_are_refused_every_training_page(
    course, page, who, request
):
    user = request.getfixturevalue(who)
    complete(user, course)  # even a certificate earned while a member
    response = client_for("localhost", user).get(_urls(course)[page])
    assert response.status_code == 403
    assert NOT_A_MEMBER in text(response)
    assert b"WEBVTT" not in body(response)
    assert VIDEO[:100] not in body(response)


@pytest.mark.parametrize("who", ["non_member_user", "lapsed_member"])
def test_people_who_are_not_current_members_cannot_mark_lessons_done(course, who, request):
    user = request.getfixturevalue(who)
    response = client_for("localhost", user).post(
        f"{course.lessons.first().get_absolute_url()}done/"
    )
    assert response.status_code == 403
    assert NOT_A_MEMBER in text(response)
    assert not LessonCompletion.objects.exists()


@pytest.mark.parametrize("who", ["member_user", "staff_user"])
def test_members_and_central_staff_reach_every_training_page(course, who, request):
    user = request.getfixturevalue(who)
    complete(user, course)
    client = client_for("localhost", user)
    for page, url in _urls(course).items():
        response = client.get(url)
        assert response.status_code == 200, page
    lesson = course.lessons.first()
    response = client.post(f"{lesson.get_absolute_url()}done/")
    assert response.status_code == 302
    assert LessonCompletion.objects.filter(user=user, lesson=lesson).exists()


def test_anyone_can_check_a_certificate_without_signing_in(course, member_user):
    completion = complete(member_user, course)
    response = client_for("localhost").get(
        f"/membersnet/certificates/{completion.certificate_code}/"
    )
    assert response.status_code == 200
    assert "This certificate is genuine." in text(response)
    form = client_for("localhost").get("/membersnet/certificates/")
    assert form.status_code == 200
    assert "Certificate code" in text(form)


# ---------------------------------------------------------------------------
# Unpublished courses
# ---------------------------------------------------------------------------


def test_unpublished_courses_are_hidden_from_members(member, member_user):
    draft = make_course("Draft course", lessons=1, questions=1, published=False)
    lesson = draft.lessons.get()
    add_video(lesson)
    make_course("Live course", lessons=1)
    listing = text(member.get(TRAINING))
    assert "Live course" in listing
    assert "Draft course" not in listing
    for url in (
        draft.get_absolute_url(),
        lesson.get_absolute_url(),
        f"{lesson.get_absolute_url()}video/",
        f"{lesson.get_absolute_url()}captions/",
        f"{draft.get_absolute_url()}quiz/",
    ):
        assert member.get(url).status_code == 404, url
    assert member.post(f"{lesson.get_absolute_url()}done/").status_code == 404
    assert not LessonCompletion.objects.filter(user=member_user).exists()


# ---------------------------------------------------------------------------
# Lessons: the video, its captions, resources
# ---------------------------------------------------------------------------


def test_the_lesson_plays_its_video_with_english_captions_on_by_default(member, course):
    lesson = course.lessons.get(position=1)
    response = member.get(lesson.get_absolute_url())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    video = soup.find("video")
    assert video is not None
    assert video.has_attr("controls")
    assert video.find("source")["src"] == f"{lesson.get_absolute_url()}video/"
    track = video.find("track")
    assert track["kind"] == "captions"
    assert track["srclang"] == "en"
    assert track.has_attr("default")
    assert track["src"] == f"{lesson.get_absolute_url()}captions/"
    assert video["data-done-url"] == f"{lesson.get_absolute_url()}done/"
    page = text(response)
    assert "A red title card." in page
    assert "Lesson 1 of 2" in page


def test_a_lesson_without_a_video_shows_no_player(member, course):
    response = member.get(course.lessons.get(position=2).get_absolute_url())
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find("video") is None
    assert "What to know, part 2." in text(response)


def test_a_lessons_text_is_shown_as_rich_text_not_in_its_stored_form(member, course):
    """Rich text stores links to pages by id ("linktype"); members get the rendered form."""
    lesson = course.lessons.get(position=2)
    lesson.text = '<p>Read <a linktype="page" id="1">this page</a> and <b>this</b>.</p>'
    lesson.save()
    page = member.get(lesson.get_absolute_url()).content.decode()
    assert "linktype" not in page
    assert "<b>this</b>" in page


def test_captions_are_served_as_webvtt(member, course):
    lesson = course.lessons.get(position=1)
    response = member.get(f"{lesson.get_absolute_url()}captions/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vtt")
    content = body(response)
    assert content.startswith(b"WEBVTT")
    assert content == CAPTIONS


def test_the_whole_video_is_served_and_says_it_can_be_seeked(member, course):
    lesson = course.lessons.get(position=1)
    response = member.get(f"{lesson.get_absolute_url()}video/")
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/webm"
    assert response["Content-Length"] == str(len(VIDEO))
    assert body(response) == VIDEO
    assert "private" in response["Cache-Control"]


def test_the_video_answers_a_range_request_with_just_those_bytes(member, course):
    video_url = f"{course.lessons.get(position=1).get_absolute_url()}video/"
    response = member.get(video_url, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-99/{len(VIDEO)}"
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == VIDEO[:100]

    middle = member.get(video_url, HTTP_RANGE="bytes=1000-")
    assert middle.status_code == 206
    assert middle["Content-Range"] == f"bytes 1000-{len(VIDEO) - 1}/{len(VIDEO)}"
    assert body(middle) == VIDEO[1000:]

    last = member.get(video_url, HTTP_RANGE="bytes=-50")
    assert last.status_code == 206
    assert body(last) == VIDEO[-50:]


def test_an_open_ended_range_of_a_long_video_comes_back_a_piece_at_a_time(
    member, course, monkeypatch
):
    """A browser asks for "bytes=0-" and plays on while asking for the rest; the server
    never reads an hour of video into memory for one answer."""

    monkeypatch.setattr(private_files, "MAX_RANGE_BYTES", 1000)
    video_url = f"{course.lessons.get(position=1).get_absolute_url()}video/"
    first = member.get(video_url, HTTP_RANGE="bytes=0-")
    assert first.status_code == 206
    assert first["Content-Range"] == f"bytes 0-999/{len(VIDEO)}"
    assert body(first) == VIDEO[:1000]
    rest = member.get(video_url, HTTP_RANGE="bytes=1000-")
    assert body(rest) == VIDEO[1000:2000]


def test_a_range_beyond_the_end_of_the_video_is_refused(member, course):
    video_url = f"{course.lessons.get(position=1).get_absolute_url()}video/"
    response = member.get(video_url, HTTP_RANGE=f"bytes={len(VIDEO)}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(VIDEO)}"
    assert body(response) == b""


def test_resources_download_as_attachments(member, course):
    lesson = course.lessons.get(position=1)
    resource = lesson.resources.get()
    response = member.get(f"{lesson.get_absolute_url()}resources/{resource.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="checklist.txt"' in response["Content-Disposition"]
    assert body(response) == b"1. Check it.\n"
    page = text(member.get(lesson.get_absolute_url()))
    assert "Checklist" in page


def test_a_resource_of_another_lesson_is_not_found(member, course):
    resource = course.lessons.get(position=1).resources.get()
    other_lesson = course.lessons.get(position=2)
    response = member.get(f"{other_lesson.get_absolute_url()}resources/{resource.pk}/")
    assert response.status_code == 404


def test_lesson_files_are_private_not_under_media(member, course):
    lesson = course.lessons.get(position=1)
    resource = lesson.resources.get()
    media_root = Path(django_settings.MEDIA_ROOT).resolve()
    for field_file in (lesson.video, lesson.captions, resource.file):
        path = Path(field_file.path).resolve()
        assert path.exists()
        assert not path.is_relative_to(media_root), path
        assert member.get(f"/media/{field_file.name}").status_code == 404
        with pytest.raises(ValueError, match="no public URL"):
            _ = field_file.url
    # And the storage the platform is configured with, not just this test's folder.
    configured = Path(django_settings.PRIVATE_MEDIA_ROOT).resolve()
    assert not configured.is_relative_to(Path(django_settings.MEDIA_ROOT).resolve())


# ---------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------


def test_marking_lessons_done_moves_the_progress_bar(member, member_user):
    course = make_course(lessons=3, questions=1)
    lessons = list(course.lessons.all())
    assert progress_bar(member.get(course.get_absolute_url()).content) == (0, "Not started")

    response = member.post(f"{lessons[0].get_absolute_url()}done/")
    assert response.status_code == 302
    assert response["Location"] == lessons[1].get_absolute_url()
    page = member.get(course.get_absolute_url())
    assert progress_bar(page.content) == (33, "1 of 3 lessons done")

    # The video's `ended` handler asks for JSON and gets an empty answer.
    response = member.post(f"{lessons[1].get_absolute_url()}done/", HTTP_ACCEPT="application/json")
    assert response.status_code == 204
    assert progress_bar(member.get(course.get_absolute_url()).content) == (
        67,
        "2 of 3 lessons done",
    )
    lesson_page = text(member.get(lessons[1].get_absolute_url()))
    assert "You've done this lesson." in lesson_page


def test_marking_a_lesson_done_twice_counts_once(member, member_user):
    course = make_course(lessons=2, questions=1)
    first = course.lessons.get(position=1)
    member.post(f"{first.get_absolute_url()}done/")
    member.post(f"{first.get_absolute_url()}done/", HTTP_ACCEPT="application/json")
    assert member.post(f"{first.get_absolute_url()}done/").status_code == 302
    assert LessonCompletion.objects.filter(user=member_user).count() == 1
    assert progress_bar(member.get(course.get_absolute_url()).content) == (
        50,
        "1 of 2 lessons done",
    )


def test_marking_done_needs_a_post(member, course):
    response = member.get(f"{course.lessons.first().get_absolute_url()}done/")
    assert response.status_code == 405
    assert not LessonCompletion.objects.exists()


def test_the_course_list_shows_each_courses_progress(member, member_user, clp_a):
    untouched = make_course("Canvassing", lessons=2)
    halfway = make_course("Phone banking", lessons=4, questions=1)
    finished = make_course("Leafleting", lessons=1)
    LessonCompletion.objects.create(user=member_user, lesson=halfway.lessons.get(position=1))
    LessonCompletion.objects.create(user=member_user, lesson=halfway.lessons.get(position=2))
    complete(member_user, finished)
    # Someone else's progress doesn't count.
    other = make_member(clp_a)
    do_every_lesson(other, untouched)

    soup = BeautifulSoup(member.get(TRAINING).content, "html.parser")
    cards = {card.h2.get_text(strip=True): str(card) for card in soup.select(".card")}
    assert progress_bar(cards["Canvassing"]) == (0, "Not started")
    assert progress_bar(cards["Phone banking"]) == (50, "2 of 4 lessons done")
    assert progress_bar(cards["Leafleting"]) == (100, "Completed")


def test_the_required_course_comes_first_in_the_list(member):
    make_course("Advanced campaigning", lessons=1)
    make_course("Zebra crossings", lessons=1, required_for_publishing=True)
    page = text(member.get(TRAINING))
    assert page.index("Zebra crossings") < page.index("Advanced campaigning")
    assert "Required for officers and editors" in page


# ---------------------------------------------------------------------------
# Completing a course without a quiz
# ---------------------------------------------------------------------------


def test_finishing_the_last_lesson_of_a_course_without_a_quiz_completes_it(member, member_user):
    course = make_course(lessons=2)
    first, last = course.lessons.all()
    member.post(f"{first.get_absolute_url()}done/")
    assert not progress.has_completed(member_user, course)

    response = member.post(f"{last.get_absolute_url()}done/", follow=True)
    assert response.redirect_chain[0] == (f"{course.get_absolute_url()}certificate/", 302)
    page = text(response)
    assert "You've completed Publishing basics. Your certificate is ready." in page
    completion = CourseCompletion.objects.get(user=member_user, course=course)
    assert completion.certificate_code in page
    assert progress.has_completed(member_user, course)
    assert progress_bar(member.get(course.get_absolute_url()).content) == (100, "Completed")


def test_a_certificate_never_shows_the_email_address(member, member_user):
    """Its verification page is public: a member who gave no name on their account is
    named as on their member record."""
    member_user.first_name = member_user.last_name = ""
    member_user.save()
    course = make_course(lessons=1)
    member.post(f"{course.lessons.get().get_absolute_url()}done/")
    completion = CourseCompletion.objects.get(user=member_user, course=course)
    assert completion.name_on_certificate == member_user.member.name
    public = text(
        client_for("localhost").get(f"/membersnet/certificates/{completion.certificate_code}/")
    )
    assert member_user.member.name in public
    assert member_user.email not in public


def test_a_name_longer_than_a_certificate_holds_is_shortened_not_refused(member, member_user):
    """A first and a last name may each be 150 characters; the certificate holds 150."""
    member_user.first_name, member_user.last_name = "Ann" + "e" * 147, "Example" * 21
    member_user.save()
    course = make_course(lessons=1)
    response = member.post(f"{course.lessons.get().get_absolute_url()}done/", follow=True)
    assert response.status_code == 200
    completion = CourseCompletion.objects.get(user=member_user, course=course)
    assert completion.name_on_certificate == member_user.first_name
    assert completion.name_on_certificate in text(response)


def test_finishing_the_last_lesson_from_the_video_also_completes_the_course(member, member_user):
    course = make_course(lessons=1)
    response = member.post(
        f"{course.lessons.get().get_absolute_url()}done/", HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 204
    assert progress.has_completed(member_user, course)


def test_finishing_the_lessons_in_any_order_completes_the_course(member, member_user):
    course = make_course(lessons=3)
    for position in (3, 1):
        member.post(f"{course.get_absolute_url()}{position}/done/")
    assert not progress.has_completed(member_user, course)
    response = member.post(f"{course.get_absolute_url()}2/done/")
    assert response["Location"] == f"{course.get_absolute_url()}certificate/"
    assert CourseCompletion.objects.filter(user=member_user, course=course).count() == 1


def test_finishing_the_lessons_of_a_course_with_a_quiz_opens_the_quiz(member, member_user):
    course = make_course(lessons=1, questions=2)
    response = member.post(f"{course.lessons.get().get_absolute_url()}done/")
    assert response["Location"] == course.get_absolute_url()
    assert not progress.has_completed(member_user, course)
    page = text(member.get(course.get_absolute_url()))
    assert "Take the quiz" in page
    assert f"{course.get_absolute_url()}quiz/" in page


# ---------------------------------------------------------------------------
# The quiz
# ---------------------------------------------------------------------------


def test_the_quiz_is_locked_until_every_lesson_is_done(member, member_user):
    course = make_course(lessons=2, questions=2)
    LessonCompletion.objects.create(user=member_user, lesson=course.lessons.get(position=1))
    quiz_url = f"{course.get_absolute_url()}quiz/"
    page = text(member.get(quiz_url))
    assert "The quiz opens when you've done every lesson: 1 of 2 so far." in page
    assert "Check my answers" not in page
    assert "The quiz opens when you've done every lesson." in text(
        member.get(course.get_absolute_url())
    )

    response = member.post(quiz_url, answers(course, right=2))
    assert "The quiz opens when you've done every lesson" in text(response)
    assert not QuizAttempt.objects.exists()
    assert not progress.has_completed(member_user, course)


def test_every_question_must_be_answered(member, member_user):
    course = make_course(lessons=1, questions=3)
    do_every_lesson(member_user, course)
    first, second, third = course.questions.order_by("sort_order")
    response = member.post(
        f"{course.get_absolute_url()}quiz/",
        {f"question_{first.pk}": "b", f"question_{third.pk}": "c"},
    )
    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page
    assert page.count("Choose an answer to this question.") == 2  # summary and question
    summary_links = BeautifulSoup(response.content, "html.parser").select(".error-summary a")
    assert [link["href"] for link in summary_links] == [f"#id_question_{second.pk}"]
    soup = BeautifulSoup(response.content, "html.parser")
    checked = {radio["name"]: radio["value"] for radio in soup.select("input[checked]")}
    assert checked == {f"question_{first.pk}": "b", f"question_{third.pk}": "c"}
    assert not QuizAttempt.objects.exists()


def test_an_answer_that_is_not_a_choice_is_refused(member, member_user):
    course = make_course(lessons=1, questions=1)
    do_every_lesson(member_user, course)
    question = course.questions.get()
    response = member.post(f"{course.get_absolute_url()}quiz/", {f"question_{question.pk}": "d"})
    assert response.status_code == 400
    assert not QuizAttempt.objects.exists()


@pytest.mark.parametrize(
    ("pass_mark", "right", "passed"),
    [(75, 3, True), (75, 2, False), (80, 3, False), (80, 4, True), (50, 2, True), (100, 3, False)],
)
def test_the_quiz_is_passed_at_the_pass_mark(member, member_user, pass_mark, right, passed):
    course = make_course(lessons=1, questions=4, pass_mark=pass_mark)
    do_every_lesson(member_user, course)
    response = member.post(f"{course.get_absolute_url()}quiz/", answers(course, right))
    assert response.status_code == 200
    page = text(response)
    assert f"You got {right} of 4 right ({round(100 * right / 4)}%)." in page
    assert f"The pass mark is {pass_mark}%." in page
    assert ("You passed" in page) is passed
    assert ("Not passed yet" in page) is not passed
    attempt = QuizAttempt.objects.get(user=member_user, course=course)
    assert (attempt.correct, attempt.total, attempt.passed) == (right, 4, passed)
    assert progress.has_completed(member_user, course) is passed


def test_a_failed_quiz_can_be_taken_again(member, member_user):
    course = make_course(lessons=1, questions=4, pass_mark=75)
    do_every_lesson(member_user, course)
    quiz_url = f"{course.get_absolute_url()}quiz/"
    failed = text(member.post(quiz_url, answers(course, right=1)))
    assert "Not passed yet" in failed
    assert "Try again" in failed
    assert not progress.has_completed(member_user, course)

    assert "Check my answers" in text(member.get(quiz_url))
    passed = text(member.post(quiz_url, answers(course, right=4)))
    assert "You passed" in passed
    assert "See your certificate" in passed
    assert progress.has_completed(member_user, course)
    assert list(
        QuizAttempt.objects.filter(user=member_user)
        .order_by("created_at", "pk")
        .values_list("correct", "passed")
    ) == [(1, False), (4, True)]


def test_five_tries_a_day_then_the_quiz_waits_until_tomorrow(member, member_user):
    course = make_course(lessons=1, questions=4, pass_mark=75)
    do_every_lesson(member_user, course)
    quiz_url = f"{course.get_absolute_url()}quiz/"
    assert "You have 5 tries left today." in text(member.get(quiz_url))
    for _ in range(4):
        member.post(quiz_url, answers(course, right=1))
    assert "You have 1 try left today." in text(member.get(quiz_url))
    member.post(quiz_url, answers(course, right=1))

    page = text(member.get(quiz_url))
    assert "You've had all your tries at this quiz today." in page
    assert "Check my answers" not in page
    refused = member.post(quiz_url, answers(course, right=4))
    assert refused.status_code == 200
    assert "You've had 5 tries at this quiz today." in text(refused)
    assert QuizAttempt.objects.filter(user=member_user, course=course).count() == 5
    assert not progress.has_completed(member_user, course)

    # The next day (UK time) the tries come back.
    yesterday = django_timezone.now() - datetime.timedelta(days=1)
    QuizAttempt.objects.filter(user=member_user, course=course).update(created_at=yesterday)
    assert "You passed" in text(member.post(quiz_url, answers(course, right=4)))


def test_passing_again_keeps_the_one_certificate(member, member_user):
    course = make_course(lessons=1, questions=2, pass_mark=50)
    do_every_lesson(member_user, course)
    quiz_url = f"{course.get_absolute_url()}quiz/"
    member.post(quiz_url, answers(course, right=2))
    code = CourseCompletion.objects.get(user=member_user, course=course).certificate_code
    member.post(quiz_url, answers(course, right=1))
    member.post(quiz_url, answers(course, right=2))
    assert QuizAttempt.objects.filter(user=member_user, course=course).count() == 3
    completions = CourseCompletion.objects.filter(user=member_user, course=course)
    assert [completion.certificate_code for completion in completions] == [code]


def test_a_course_without_a_quiz_has_no_quiz_page(member, member_user):
    course = make_course(lessons=1)
    do_every_lesson(member_user, course)
    assert member.get(f"{course.get_absolute_url()}quiz/").status_code == 404


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------


@pytest.fixture
def certificate(member_user):
    member_user.first_name, member_user.last_name = "Ada", "Lovelace"
    member_user.save()
    course = make_course(lessons=1)
    do_every_lesson(member_user, course)
    return progress._complete(member_user, course)


def test_the_certificate_shows_the_members_name_the_course_and_a_code(member, certificate):
    response = member.get(f"{certificate.course.get_absolute_url()}certificate/")
    assert response.status_code == 200
    page = text(response)
    assert "Ada Lovelace" in page
    assert "Publishing basics" in page
    assert re.fullmatch(
        r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", certificate.certificate_code
    )
    assert certificate.certificate_code in page
    assert f"http://localhost/membersnet/certificates/{certificate.certificate_code}/" in page


def test_the_certificate_downloads_as_a_pdf_with_its_code(member, certificate):
    response = member.get(f"{certificate.course.get_absolute_url()}certificate.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="certificate-publishing-basics.pdf"'
    )
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    drawn = pdf_text(pdf)
    assert f"Certificate code {certificate.certificate_code}" in drawn
    assert "Ada Lovelace" in drawn
    assert "Publishing basics" in drawn
    assert f"/membersnet/certificates/{certificate.certificate_code}/" in drawn


def test_the_certificate_keeps_the_name_it_was_issued_in(member, member_user, certificate):
    member_user.last_name = "King"
    member_user.save()
    page = text(member.get(f"{certificate.course.get_absolute_url()}certificate/"))
    assert "Ada Lovelace" in page
    assert "Ada King" not in page


def test_a_real_certificate_code_is_confirmed_as_genuine(certificate):
    response = client_for("localhost").get(
        f"/membersnet/certificates/{certificate.certificate_code}/"
    )
    assert response.status_code == 200
    page = words(response)
    assert "This certificate is genuine." in page
    assert "Ada Lovelace completed Publishing basics on" in page


def test_a_code_typed_into_the_form_is_checked(certificate):
    response = client_for("localhost").get(
        "/membersnet/certificates/", {"code": f"  {certificate.certificate_code} "}
    )
    assert response.status_code == 200
    assert "This certificate is genuine." in text(response)


def test_a_code_typed_in_lower_case_is_still_recognised(certificate):
    code = certificate.certificate_code.lower()
    for response in (
        client_for("localhost").get(f"/membersnet/certificates/{code}/"),
        client_for("localhost").get("/membersnet/certificates/", {"code": code}),
    ):
        assert response.status_code == 200
        assert "This certificate is genuine." in text(response)


def test_a_code_typed_without_its_hyphens_is_still_recognised(certificate):
    """The code is made of unambiguous characters because people type it in by hand;
    people typing a code leave out the hyphens or put spaces in their place."""
    for typed in (
        certificate.certificate_code.replace("-", ""),
        certificate.certificate_code.replace("-", " "),
    ):
        response = client_for("localhost").get("/membersnet/certificates/", {"code": typed})
        assert response.status_code == 200, typed
        assert "This certificate is genuine." in text(response)


def test_an_unknown_certificate_code_is_not_found(certificate):
    response = client_for("localhost").get("/membersnet/certificates/ABCD-EFGH-JKLM/")
    assert response.status_code == 404
    page = words(response)
    assert "No certificate has the code ABCD-EFGH-JKLM." in page
    assert "genuine" not in page
    assert "Ada Lovelace" not in page


def test_a_typed_code_is_shown_back_as_text_not_markup(db):
    response = client_for("localhost").get(
        "/membersnet/certificates/", {"code": "<b>x</b><script>"}
    )
    assert response.status_code == 404
    assert b"<B>X</B>" not in response.content
    assert b"<SCRIPT>" not in response.content
    assert "No certificate has the code BXBSCRIPT." in words(response)


def test_a_member_cannot_see_another_members_certificate(certificate, clp_a):
    other = make_member(clp_a, email="other@example.org")
    client = client_for("localhost", other)
    base = certificate.course.get_absolute_url()
    for url in (f"{base}certificate/", f"{base}certificate.pdf"):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Ada Lovelace" not in response.content


# ---------------------------------------------------------------------------
# What the rest of the platform asks
# ---------------------------------------------------------------------------


def test_has_completed_is_true_only_for_the_member_who_completed_that_course(member_user, clp_a):
    course = make_course("Publishing basics", lessons=1)
    other_course = make_course("Canvassing", lessons=1)
    other_member = make_member(clp_a)
    assert not progress.has_completed(member_user, course)
    assert not progress.has_completed(AnonymousUser(), course)
    progress.complete_lesson(member_user, course.lessons.get())
    assert progress.has_completed(member_user, course)
    assert not progress.has_completed(member_user, other_course)
    assert not progress.has_completed(other_member, course)
    assert not progress.has_completed(AnonymousUser(), course)


def test_lessons_done_alone_do_not_complete_a_course_with_a_quiz(member_user):
    course = make_course(lessons=2, questions=1)
    for lesson in course.lessons.all():
        assert progress.complete_lesson(member_user, lesson) is None
    assert not progress.has_completed(member_user, course)


def test_publishing_course_is_the_published_course_required_for_publishing(db):
    assert progress.publishing_course() is None
    make_course("Canvassing", lessons=1)
    make_course("Publishing draft", lessons=1, required_for_publishing=True, published=False)
    assert progress.publishing_course() is None
    required = make_course("Publishing basics", lessons=1, required_for_publishing=True)
    assert progress.publishing_course() == required


# ---------------------------------------------------------------------------
# Staff write courses in the hub's admin
# ---------------------------------------------------------------------------


def contentstate(paragraph):
    """Rich text as the admin's editor (Draftail) posts it."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "text": paragraph,
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                    "data": {},
                }
            ],
            "entityMap": {},
        }
    )


def formset(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{name}": value for name, value in row.items()})
        data[f"{prefix}-{number}-ORDER"] = str(number + 1)
        data[f"{prefix}-{number}-id"] = ""
        data[f"{prefix}-{number}-DELETE"] = ""
    return data


def lesson_form(course, **fields):
    return {
        "course": str(course.pk),
        "position": "1",
        "title": "Who publishes for the party",
        "text": contentstate("Trained officers publish."),
        "video_description": "A red title card.",
        **formset("resources", []),
        **fields,
    }


def hub_admin(name):
    """The address of a Wagtail admin view on the hub."""
    return reverse(name, urlconf="labourhub.urls_public")


def test_staff_create_a_course_with_its_quiz_in_the_admin(staff):
    response = staff.post(
        hub_admin("courses:add"),
        {
            "title": "Publishing basics",
            "slug": "publishing-basics",
            "summary": "Who may publish, and how.",
            "is_published": "on",
            "required_for_publishing": "on",
            "pass_mark": "75",
            **formset(
                "questions",
                [
                    {
                        "question": "Who may publish?",
                        "choice_a": "Anyone",
                        "choice_b": "Trained officers",
                        "choice_c": "Nobody",
                        "choice_d": "",
                        "correct": "b",
                    },
                    {
                        "question": "What does every image need?",
                        "choice_a": "Alt text",
                        "choice_b": "A watermark",
                        "choice_c": "A frame",
                        "choice_d": "A caption",
                        "correct": "a",
                    },
                ],
            ),
        },
    )
    assert response.status_code == 302, text(response)
    course = Course.objects.get(slug="publishing-basics")
    assert course.is_published
    assert course.published_at is not None
    assert course.required_for_publishing
    assert course.pass_mark == 75
    assert [(q.question, q.correct) for q in course.questions.order_by("sort_order")] == [
        ("Who may publish?", "b"),
        ("What does every image need?", "a"),
    ]
    assert progress.publishing_course() == course


def test_staff_add_a_lesson_with_a_captioned_video_in_the_admin(staff, member):
    course = make_course(lessons=0, questions=0)
    response = staff.post(
        hub_admin("lessons:add"),
        lesson_form(
            course,
            video=SimpleUploadedFile("intro.webm", VIDEO, content_type="video/webm"),
            captions=SimpleUploadedFile("intro.vtt", CAPTIONS, content_type="text/vtt"),
            **formset(
                "resources",
                [{"title": "Checklist", "file": SimpleUploadedFile("checklist.txt", b"1. Ask.\n")}],
            ),
        ),
    )
    assert response.status_code == 302, text(response)
    lesson = course.lessons.get()
    assert [resource.title for resource in lesson.resources.all()] == ["Checklist"]
    assert lesson.title == "Who publishes for the party"
    assert "Trained officers publish." in lesson.text
    assert lesson.video.name.startswith("training/videos/")
    assert lesson.captions.name.startswith("training/captions/")

    # Members can now watch it.
    assert member.get(lesson.get_absolute_url()).status_code == 200
    assert body(member.get(f"{lesson.get_absolute_url()}video/")) == VIDEO
    assert body(member.get(f"{lesson.get_absolute_url()}captions/")) == CAPTIONS
    resource = lesson.resources.get()
    download = member.get(f"{lesson.get_absolute_url()}resources/{resource.pk}/")
    assert body(download) == b"1. Ask.\n"


def test_a_video_without_captions_is_refused_in_the_admin(staff):
    course = make_course(lessons=0, questions=0)
    response = staff.post(
        hub_admin("lessons:add"),
        lesson_form(course, video=SimpleUploadedFile("intro.webm", VIDEO)),
    )
    assert response.status_code == 200
    assert "Add captions (a .vtt file) for the video." in text(response)
    assert not Lesson.objects.filter(course=course).exists()


def test_a_lesson_video_must_be_a_video_file(staff):
    course = make_course(lessons=0, questions=0)
    response = staff.post(
        hub_admin("lessons:add"),
        lesson_form(
            course,
            video=SimpleUploadedFile("intro.exe", b"MZ..."),
            captions=SimpleUploadedFile("intro.vtt", CAPTIONS),
        ),
    )
    assert response.status_code == 200
    assert "File extension “exe” is not allowed." in text(response)
    assert not Lesson.objects.filter(course=course).exists()


@pytest.mark.parametrize(
    "name", ["courses:index", "courses:add", "lessons:add", "completions:index"]
)
def test_only_central_staff_reach_the_training_admin_on_the_hub(
    name, staff, member_user, officer_a, editor_a
):
    url = hub_admin(name)
    assert staff.get(url).status_code == 200
    anonymous = client_for("localhost").get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    for user in (member_user, officer_a, editor_a):
        assert client_for("localhost", user).get(url).status_code == 403, user


def test_officers_cannot_add_courses_from_their_own_sites_admin(clp_a, officer_a):
    officer = client_for(clp_a, officer_a)
    for name in ("courses:index", "courses:add", "lessons:add"):
        assert officer.get(reverse(name)).status_code == 404, name  # training is the hub's
    response = officer.post(
        reverse("courses:add"),
        {
            "title": "Rogue course",
            "slug": "rogue-course",
            "summary": "Not from the centre.",
            "is_published": "on",
            "pass_mark": "50",
            **formset("questions", []),
        },
    )
    assert response.status_code == 404
    assert not Course.objects.filter(slug="rogue-course").exists()


# ---------------------------------------------------------------------------
# Speed
# ---------------------------------------------------------------------------


def _add_courses(user, count, start=0):
    for number in range(start, start + count):
        course = make_course(f"Course {number:02}", lessons=3, questions=1)
        LessonCompletion.objects.create(user=user, lesson=course.lessons.first())
        if number % 2:
            complete(user, course)


def test_the_course_list_query_budget_does_not_grow_with_courses(
    member, member_user, django_assert_max_num_queries
):
    _add_courses(member_user, 2)
    member.get(TRAINING)
    with django_assert_max_num_queries(12) as few:
        assert member.get(TRAINING).status_code == 200
    with_two = len(few.captured_queries)
    _add_courses(member_user, 8, start=2)
    with django_assert_max_num_queries(with_two):
        response = member.get(TRAINING)
    assert response.status_code == 200
    assert text(response).count('class="card"') == 10


def test_the_course_page_query_budget_does_not_grow_with_lessons(
    member, member_user, django_assert_max_num_queries
):
    course = make_course(lessons=2, questions=1)
    do_every_lesson(member_user, course)
    url = course.get_absolute_url()
    member.get(url)
    with django_assert_max_num_queries(14) as few:
        assert member.get(url).status_code == 200
    with_two = len(few.captured_queries)
    for position in range(3, 13):
        lesson = Lesson.objects.create(
            course=course, position=position, title=f"Extra {position}", text="<p>More.</p>"
        )
        LessonCompletion.objects.create(user=member_user, lesson=lesson)
    with django_assert_max_num_queries(with_two):
        response = member.get(url)
    assert response.status_code == 200
    assert text(response).count("tag-done") == 12


def test_the_lesson_page_query_budget_does_not_grow_with_lessons(
    member, member_user, django_assert_max_num_queries
):
    course = make_course(lessons=2)
    lesson = course.lessons.get(position=1)
    add_resource(lesson)
    member.get(lesson.get_absolute_url())
    with django_assert_max_num_queries(14) as few:
        assert member.get(lesson.get_absolute_url()).status_code == 200
    with_two = len(few.captured_queries)
    for position in range(3, 13):
        Lesson.objects.create(course=course, position=position, title="Extra", text="<p>.</p>")
    for number in range(5):
        add_resource(lesson, title=f"Sheet {number}", name=f"sheet{number}.txt")
    with django_assert_max_num_queries(with_two):
        response = member.get(lesson.get_absolute_url())
    assert "Lesson 1 of 12" in text(response)
