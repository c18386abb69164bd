"""A member's way through a course: lessons done, the quiz, completion, the certificate
and its renewal.

`has_completed(user, course)` is the question the rest of the platform asks (the
publishing course unlocks publishing rights): a certificate that has expired no longer
counts."""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from membersnet.members.models import Member
from roles.appointments import sync_role_groups

from .models import (
    Course,
    CourseCompletion,
    Lesson,
    LessonCompletion,
    QuizAttempt,
    QuizQuestion,
    add_months,
)


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
    """Does `user` hold a certificate of `course` that has not expired?"""
    if not user.is_authenticated:
        return False
    return CourseCompletion.objects.valid().filter(user=user, course=course).exists()


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


def quiz_tries_come_back() -> dt.date:
    """The day (from midnight, UK time) a member who has used today's tries may try again."""
    return timezone.localdate() + dt.timedelta(days=1)


def tries_used_up_message() -> str:
    return (
        f"You've had all {QUIZ_TRIES_PER_DAY} of today's tries at this quiz. You can try "
        f"again from midnight (UK time): tomorrow, {quiz_tries_come_back():%A %-d %B}. "
        "Go back over the lessons in the meantime."
    )


@dataclass(frozen=True)
class QuestionMark:
    """How one question was answered. Deliberately without the right answer: a member
    sees which questions they got wrong and why (the explanation), and must work out the
    answer from the course, so the tries per day still mean something."""

    question: QuizQuestion
    answer: str

    @property
    def is_right(self) -> bool:
        return self.answer == self.question.correct

    @property
    def answer_text(self) -> str:
        return self.question.choice_text(self.answer)


@dataclass(frozen=True)
class QuizResult:
    attempt: QuizAttempt
    completion: CourseCompletion | None
    marks: list[QuestionMark]
    tries_left: int

    @property
    def wrong(self) -> int:
        return sum(1 for mark in self.marks if not mark.is_right)

    @property
    def renewed(self) -> bool:
        """Did this attempt renew a certificate (rather than issue or leave it)?"""
        renewed_at = self.completion and self.completion.renewed_at
        return bool(renewed_at) and renewed_at >= self.attempt.created_at


@transaction.atomic
def submit_quiz(user, course: Course, answers: dict[int, str]) -> QuizResult:
    """Score the quiz (answers: question id → "a".."d"), question by question. Passing
    completes the course and issues its certificate, or renews one that is due. The
    quiz opens once every lesson is done."""
    if not _all_lessons_done(user, course):
        raise QuizLocked("Finish every lesson before taking the quiz.")
    tries_left = quiz_tries_left_today(user, course)
    if not tries_left:
        raise QuizTriesUsedUp(tries_used_up_message())
    marks = [
        QuestionMark(question=question, answer=answers.get(question.pk, ""))
        for question in course.questions.all()
    ]
    correct = sum(1 for mark in marks if mark.is_right)
    total = len(marks)
    passed = total > 0 and 100 * correct >= course.pass_mark * total
    attempt = QuizAttempt.objects.create(
        user=user, course=course, correct=correct, total=total, passed=passed
    )
    completion = _complete(user, course) if passed else None
    return QuizResult(attempt, completion, marks, tries_left - 1)


def _name_for_certificate(user) -> str:
    """The name the certificate (and its public verification page) shows: never the
    email address, which would publish it to anyone holding the link."""
    member_name = Member.objects.filter(user=user).values_list("name", flat=True).first()
    name = user.get_full_name() or member_name or "Membersnet member"
    # A first and a last name may each be as long as the certificate's whole name.
    return name[: CourseCompletion._meta.get_field("name_on_certificate").max_length].strip()


def expiry_for(course: Course, passed_on: dt.date) -> dt.date | None:
    """The day a certificate of `course` passed on `passed_on` expires (None: never)."""
    return add_months(passed_on, course.months_valid) if course.months_valid else None


def _complete(user, course) -> CourseCompletion:
    """Issue the certificate, or renew it if it is due for renewal (a certificate that is
    not yet due stays as it is: passing again changes nothing)."""
    completion, created = CourseCompletion.objects.select_for_update().get_or_create(
        user=user,
        course=course,
        defaults={
            "name_on_certificate": _name_for_certificate(user),
            "expires_on": expiry_for(course, timezone.localdate()),
        },
    )
    renewed = not created and completion.is_renewable()
    if renewed:
        completion.renewed_at = timezone.now()
        completion.expires_on = expiry_for(course, timezone.localdate())
        completion.reminder_sent_at = None
        completion.save(update_fields=["renewed_at", "expires_on", "reminder_sent_at"])
    if (created or renewed) and course.required_for_publishing:
        sync_role_groups(user)  # publishing on their CLP's site unlocks (again) at once
    return completion
