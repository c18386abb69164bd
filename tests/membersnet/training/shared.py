"""What the training tests share: courses built for them, and reading the pages and certificates."""

import base64
import html
import re
import zlib
from pathlib import Path

from bs4 import BeautifulSoup
from django.core.files.base import ContentFile

from membersnet.training import progress
from membersnet.training.models import (
    Course,
    CourseCompletion,
    Lesson,
    LessonCompletion,
    LessonResource,
    QuizQuestion,
)

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
            explanation=f"Why question {order + 1} matters: see lesson 1.",
        )
    return course


def add_video(lesson, *, captions=True, transcript="Narrator: Welcome to the course."):
    lesson.video.save("intro.webm", ContentFile(VIDEO), save=False)
    if captions:
        lesson.captions.save("intro.vtt", ContentFile(CAPTIONS), save=False)
    lesson.video_description = "A red title card."
    lesson.transcript = transcript
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
