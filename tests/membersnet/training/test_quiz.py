"""A course's quiz: answered, marked, retaken, and passed to complete the course."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone as django_timezone

from membersnet.training import progress
from membersnet.training.models import (
    CourseCompletion,
    LessonCompletion,
    QuizAttempt,
)

from .shared import answers, do_every_lesson, make_course, text


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
    assert "You've had all 5 of today's tries at this quiz." in text(refused)
    tomorrow = django_timezone.localdate() + datetime.timedelta(days=1)
    assert f"You can try again from midnight (UK time): tomorrow, {tomorrow:%A %-d %B}." in text(
        refused
    )
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
