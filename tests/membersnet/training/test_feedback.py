"""After each try at a quiz, a member sees which questions they got wrong and why, but
never which answer was right; and how many tries they have left today, or when they can
try again."""

import datetime as dt

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from membersnet.training.models import QuizAttempt
from membersnet.training.progress import QUIZ_TRIES_PER_DAY

from .shared import answers, do_every_lesson, make_course, text, words


@pytest.fixture
def quiz(member_user):
    course = make_course(lessons=1, questions=4, pass_mark=75)
    do_every_lesson(member_user, course)
    return course


def _quiz_url(course):
    return f"{course.get_absolute_url()}quiz/"


def _feedback(response):
    """(question, mark, your answer, explanation) for each question on the result page."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (
            item.select_one(".quiz-feedback__question").get_text(strip=True),
            item.select_one(".quiz-feedback__mark span").get_text(strip=True),
            item.select_one(".quiz-feedback__answer").get_text(strip=True),
            item.select_one(".quiz-feedback__why").get_text(strip=True),
        )
        for item in soup.select(".quiz-feedback__item")
    ]


def test_each_question_is_marked_right_or_not_with_its_explanation(member, quiz):
    response = member.post(_quiz_url(quiz), answers(quiz, right=2))
    assert response.status_code == 200
    assert _feedback(response) == [
        ("Question 1?", "Right", "You answered: Right", "Why question 1 matters: see lesson 1."),
        ("Question 2?", "Right", "You answered: Right", "Why question 2 matters: see lesson 1."),
        (
            "Question 3?",
            "Not right",
            "You answered: Wrong",
            "Why question 3 matters: see lesson 1.",
        ),
        (
            "Question 4?",
            "Not right",
            "You answered: Wrong",
            "Why question 4 matters: see lesson 1.",
        ),
    ]
    assert "The questions you got wrong are marked “Not right”, with why." in text(response)


def test_the_right_answer_to_a_question_got_wrong_is_never_shown(member, quiz):
    """The answer "Right" (b) is the right one; a member who chose "Wrong" (a) must not
    be told it, or five tries would find every answer by elimination in one go."""
    response = member.post(_quiz_url(quiz), answers(quiz, right=0))
    feedback = BeautifulSoup(response.content, "html.parser").select_one(".quiz-feedback")
    assert "Right" not in feedback.get_text().replace("Not right", "")
    assert "Also wrong" not in feedback.get_text()  # nor the choices they did not pick


def test_a_pass_shows_the_feedback_too(member, quiz):
    response = member.post(_quiz_url(quiz), answers(quiz, right=3))
    assert "You passed" in text(response)
    assert [mark for _, mark, _, _ in _feedback(response)] == ["Right"] * 3 + ["Not right"]


def test_tries_left_are_shown_before_and_after_each_try(member, quiz):
    assert f"You have {QUIZ_TRIES_PER_DAY} tries left today." in text(member.get(_quiz_url(quiz)))
    after = member.post(_quiz_url(quiz), answers(quiz, right=1))
    assert f"You have {QUIZ_TRIES_PER_DAY - 1} tries left today." in words(after)
    assert "Try again" in text(after)
    for _ in range(QUIZ_TRIES_PER_DAY - 3):
        member.post(_quiz_url(quiz), answers(quiz, right=1))
    after = member.post(_quiz_url(quiz), answers(quiz, right=1))
    assert "You have 1 try left today." in words(after)


def test_the_last_try_says_when_the_member_can_try_again(member, member_user, quiz):
    # 23:30 on a Friday in December (UK time): tries come back at midnight, on Saturday.
    friday_night = dt.datetime(2026, 12, 4, 23, 30, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(friday_night, tick=False):
        for _ in range(QUIZ_TRIES_PER_DAY - 1):
            member.post(_quiz_url(quiz), answers(quiz, right=1))
        last = member.post(_quiz_url(quiz), answers(quiz, right=1))
        page = words(last)
        assert (
            "That was your last try today. You can try again from midnight (UK time): "
            "tomorrow, Saturday 5 December." in page
        )
        assert "Try again" not in page
        waiting = words(member.get(_quiz_url(quiz)))
        assert "You can try again from midnight (UK time): tomorrow, Saturday 5 December." in (
            waiting
        )
        assert "Check my answers" not in waiting
    with time_machine.travel(friday_night + dt.timedelta(hours=1), tick=False):
        assert f"You have {QUIZ_TRIES_PER_DAY} tries left today." in text(
            member.get(_quiz_url(quiz))
        )
    assert QuizAttempt.objects.filter(user=member_user).count() == QUIZ_TRIES_PER_DAY


def test_an_unanswered_quiz_shows_no_feedback_and_costs_no_try(member, member_user, quiz):
    response = member.post(_quiz_url(quiz), {})
    assert response.status_code == 400
    assert "quiz-feedback" not in text(response)
    assert f"You have {QUIZ_TRIES_PER_DAY} tries left today." in text(response)
    assert not QuizAttempt.objects.filter(user=member_user).exists()


def test_the_result_page_queries_do_not_grow_with_questions(
    member, member_user, django_assert_max_num_queries
):
    small = make_course("Small quiz", lessons=1, questions=2)
    big = make_course("Big quiz", lessons=1, questions=12)
    do_every_lesson(member_user, small)
    do_every_lesson(member_user, big)
    with django_assert_max_num_queries(30) as few:
        member.post(_quiz_url(small), answers(small, right=0))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = member.post(_quiz_url(big), answers(big, right=0))
    assert len(_feedback(response)) == 12
