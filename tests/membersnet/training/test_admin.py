"""Central staff write courses, lessons, questions and resources in the hub's admin, and
see who completed them."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from membersnet.training import progress
from membersnet.training.models import (
    Course,
    Lesson,
)
from tests.helpers import client_for

from .shared import CAPTIONS, VIDEO, body, make_course, text


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
                        "explanation": "Publishing speaks for the party: see lesson 1.",
                    },
                    {
                        "question": "What does every image need?",
                        "choice_a": "Alt text",
                        "choice_b": "A watermark",
                        "choice_c": "A frame",
                        "choice_d": "A caption",
                        "correct": "a",
                        "explanation": "Screen readers read it out: see lesson 2.",
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
    assert course.questions.order_by("sort_order")[0].explanation.startswith("Publishing")
    assert progress.publishing_course() == course


def test_staff_add_a_lesson_with_a_captioned_video_in_the_admin(staff, member):
    course = make_course(lessons=0, questions=0)
    response = staff.post(
        hub_admin("lessons:add"),
        lesson_form(
            course,
            video=SimpleUploadedFile("intro.webm", VIDEO, content_type="video/webm"),
            captions=SimpleUploadedFile("intro.vtt", CAPTIONS, content_type="text/vtt"),
            transcript="Narrator: Welcome.",
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
