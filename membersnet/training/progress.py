"""A member's way through a course: lessons done, the quiz, completion and certificate.

`has_completed(user, course)` is the question the rest of the platform asks (the
publishing course unlocks publishing rights)."""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from membersnet.members.models import Member
from roles.appointments import sync_role_groups

from .models import Course, CourseCompletion, Lesson, LessonCompletion, QuizAttempt


@dataclass(frozen=True)
class CourseProgress:
    course: Course
    lessons_done: int
    lessons_total: int
    completion: CourseCompletion | None

    @property
    def percent(self) -> int:
        if self.completion:
            return 100
        if not self.lessons_total:
            return 0
        return round(100 * self.lessons_done / self.lessons_total)

    @property
    def is_complete(self) -> bool:
        return self.completion is not None

    @property
    def is_started(self) -> bool:
        return self.lessons_done > 0 or self.is_complete

    @property
    def quiz_unlocked(self) -> bool:
        return self.lessons_done >= self.lessons_total


def has_completed(user, course: Course) -> bool:
    if not user.is_authenticated:
        return False
    return CourseCompletion.objects.filter(user=user, course=course).exists()


def is_trained_to_publish(user) -> bool:
    """Has `user` completed the course required to publish? With no such course set up,
    nobody is held back. (settings.TRAINED_TO_PUBLISH names this for the roles app.)"""
    course = publishing_course()
    return course is None or has_completed(user, course)


def publishing_course() -> Course | None:
    """The course officers and editors must complete before they publish."""
    return Course.objects.published().filter(required_for_publishing=True).first()


def progress_for(user, courses) -> list[CourseProgress]:
    """Progress through each of `courses`, in three queries whatever their number."""
    courses = list(courses)
    ids = [course.pk for course in courses]
    totals = dict(
        Lesson.objects.filter(course_id__in=ids)
        .values("course_id")
        .annotate(total=Count("pk"))
        .values_list("course_id", "total")
    )
    done = dict(
        LessonCompletion.objects.filter(user=user, lesson__course_id__in=ids)
        .values("lesson__course_id")
        .annotate(done=Count("pk"))
        .values_list("lesson__course_id", "done")
    )
    completions = {
        completion.course_id: completion
        for completion in CourseCompletion.objects.filter(user=user, course_id__in=ids)
    }
    return [
        CourseProgress(
            course=course,
            lessons_done=done.get(course.pk, 0),
            lessons_total=totals.get(course.pk, 0),
            completion=completions.get(course.pk),
        )
        for course in courses
    ]


def complete_lesson(user, lesson: Lesson) -> CourseCompletion | None:
    """Mark a lesson done. Finishing the last lesson of a course without a quiz completes
    the course. Safe to repeat (the video's end and the button may both send it)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                LessonCompletion.objects.create(user=user, lesson=lesson)
        except IntegrityError:
            pass
        course = lesson.course
        if not course.has_quiz and _all_lessons_done(user, course):
            return _complete(user, course)
    return None


def _all_lessons_done(user, course) -> bool:
    total = course.lessons.count()
    done = LessonCompletion.objects.filter(user=user, lesson__course=course).count()
    return done >= total


# Tries per member per course per day (UK time): enough to learn from mistakes, too few
# to find the answers by trial and error from the scores.
QUIZ_TRIES_PER_DAY = 5


class QuizLocked(Exception):
    pass


class QuizTriesUsedUp(QuizLocked):
    pass


def quiz_tries_left_today(user, course) -> int:
    start_of_day = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time()))
    used = QuizAttempt.objects.filter(user=user, course=course, created_at__gte=start_of_day)
    return max(QUIZ_TRIES_PER_DAY - used.count(), 0)


@transaction.atomic
def submit_quiz(
    user, course: Course, answers: dict[int, str]
) -> tuple[QuizAttempt, CourseCompletion | None]:
    """Score the quiz (answers: question id → "a".."d"). Passing completes the course
    and issues its certificate. The quiz opens once every lesson is done."""
    if not _all_lessons_done(user, course):
        raise QuizLocked("Finish every lesson before taking the quiz.")
    if not quiz_tries_left_today(user, course):
        raise QuizTriesUsedUp(
            f"You've had {QUIZ_TRIES_PER_DAY} tries at this quiz today. Go back over the "
            "lessons, and try again tomorrow."
        )
    questions = list(course.questions.all())
    correct = sum(1 for question in questions if answers.get(question.pk) == question.correct)
    total = len(questions)
    passed = total > 0 and 100 * correct >= course.pass_mark * total
    attempt = QuizAttempt.objects.create(
        user=user, course=course, correct=correct, total=total, passed=passed
    )
    return attempt, (_complete(user, course) if passed else None)


def _name_for_certificate(user) -> str:
    """The name the certificate (and its public verification page) shows: never the
    email address, which would publish it to anyone holding the link."""
    member_name = Member.objects.filter(user=user).values_list("name", flat=True).first()
    name = user.get_full_name() or member_name or "Membersnet member"
    # A first and a last name may each be as long as the certificate's whole name.
    return name[: CourseCompletion._meta.get_field("name_on_certificate").max_length].strip()


def _complete(user, course) -> CourseCompletion:
    completion, created = CourseCompletion.objects.get_or_create(
        user=user,
        course=course,
        defaults={"name_on_certificate": _name_for_certificate(user)},
    )
    if created and course.required_for_publishing:
        sync_role_groups(user)  # publishing on their CLP's site unlocks at once
    return completion
