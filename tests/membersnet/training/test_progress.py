"""Progress through a course: lessons marked done, a course completed without a quiz, and
what the rest of the platform asks (is this officer trained to publish?)."""

from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser

from membersnet.training import progress
from membersnet.training.models import (
    CourseCompletion,
    LessonCompletion,
)
from tests.factories import make_member
from tests.helpers import client_for

from .shared import TRAINING, complete, do_every_lesson, make_course, progress_bar, text


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
