"""The training pages' queries, which do not grow with the number of lessons or members."""

from membersnet.training.models import (
    Lesson,
    LessonCompletion,
)

from .shared import TRAINING, add_resource, complete, do_every_lesson, make_course, text


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
