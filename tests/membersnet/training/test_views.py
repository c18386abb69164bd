"""Membersnet training pages: members only (and central staff), every page; certificates
checked by anyone; unpublished courses hidden."""

import pytest

from membersnet.training.models import (
    LessonCompletion,
)
from tests.helpers import client_for

from .shared import NOT_A_MEMBER, TRAINING, VIDEO, add_video, body, complete, make_course, text


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
