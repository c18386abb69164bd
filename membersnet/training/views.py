from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from membersnet.members.access import member_required
from membersnet.private_files import serve_private_file

from . import certificates
from .forms import QuizForm
from .models import Course, CourseCompletion, Lesson, LessonResource
from .progress import (
    QuizLocked,
    QuizTriesUsedUp,
    complete_lesson,
    progress_for,
    quiz_tries_come_back,
    quiz_tries_left_today,
    submit_quiz,
)


def _course_or_404(slug) -> Course:
    return get_object_or_404(Course.objects.published(), slug=slug)


def _lesson_or_404(course, position) -> Lesson:
    return get_object_or_404(
        Lesson.objects.select_related("course"), course=course, position=position
    )


@member_required
def course_list(request):
    courses = Course.objects.published().order_by("-required_for_publishing", "title")
    return render(
        request,
        "membersnet/training/course_list.html",
        {"progress": progress_for(request.user, courses)},
    )


@member_required
def course_detail(request, slug):
    course = _course_or_404(slug)
    (progress,) = progress_for(request.user, [course])
    lessons = list(course.lessons.all())
    done = set(
        request.user.lessons_completed.filter(lesson__course=course).values_list(
            "lesson_id", flat=True
        )
    )
    return render(
        request,
        "membersnet/training/course_detail.html",
        {"course": course, "progress": progress, "lessons": lessons, "done": done},
    )


@member_required
def lesson_detail(request, slug, position):
    course = _course_or_404(slug)
    lesson = _lesson_or_404(course, position)
    lessons = list(course.lessons.all())
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    return render(
        request,
        "membersnet/training/lesson_detail.html",
        {
            "course": course,
            "lesson": lesson,
            "resources": list(lesson.resources.all()),
            "is_done": request.user.lessons_completed.filter(lesson=lesson).exists(),
            "previous": lessons[index - 1] if index > 0 else None,
            "next": lessons[index + 1] if index + 1 < len(lessons) else None,
            "position_text": f"Lesson {index + 1} of {len(lessons)}",
        },
    )


@require_POST
@member_required
def lesson_done(request, slug, position):
    """Mark a lesson done: from its button, or sent by the page when the video ends."""
    course = _course_or_404(slug)
    lesson = _lesson_or_404(course, position)
    completion = complete_lesson(request.user, lesson)
    if request.headers.get("Accept") == "application/json":
        return HttpResponse(status=204)
    if completion:
        messages.success(request, f"You've completed {course.title}. Your certificate is ready.")
        return redirect("training:certificate", slug=course.slug)
    messages.success(request, f"Lesson done: {lesson.title}.")
    following = course.lessons.filter(position__gt=lesson.position).first()
    if following:
        return redirect(following.get_absolute_url())
    return redirect(course.get_absolute_url())


@member_required
def lesson_file(request, slug, position, kind):
    course = _course_or_404(slug)
    lesson = _lesson_or_404(course, position)
    if kind not in ("video", "captions"):
        raise Http404
    # The video goes to a signed link on object storage; the captions, a few kilobytes
    # that a <track> must fetch from this origin, are always answered here.
    return serve_private_file(request, getattr(lesson, kind), signed_link=kind == "video")


@member_required
def resource_file(request, slug, position, resource_id):
    course = _course_or_404(slug)
    lesson = _lesson_or_404(course, position)
    resource = get_object_or_404(LessonResource, lesson=lesson, pk=resource_id)
    return serve_private_file(request, resource.file, as_attachment=True)


@member_required
def quiz(request, slug):
    course = _course_or_404(slug)
    (progress,) = progress_for(request.user, [course])
    questions = course.questions.all()
    if not questions:
        raise Http404("This course has no quiz.")
    form = QuizForm(request.POST if request.method == "POST" else None, questions=questions)
    context = {
        "course": course,
        "form": form,
        "progress": progress,
        "tries_come_back": quiz_tries_come_back(),
    }
    if not progress.quiz_unlocked:
        return render(request, "membersnet/training/quiz.html", {**context, "locked": True})
    context["tries_left"] = quiz_tries_left_today(request.user, course)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "membersnet/training/quiz.html", context, status=400)
        try:
            result = submit_quiz(request.user, course, form.answers())
        except QuizTriesUsedUp as error:
            return render(
                request, "membersnet/training/quiz.html", {**context, "tries_used_up": error}
            )
        except QuizLocked:
            return render(request, "membersnet/training/quiz.html", {**context, "locked": True})
        return render(
            request,
            "membersnet/training/quiz_result.html",
            {
                "course": course,
                "result": result,
                "attempt": result.attempt,
                "completion": result.completion,
                "tries_come_back": context["tries_come_back"],
            },
        )
    return render(request, "membersnet/training/quiz.html", context)


def _completion_or_404(request, slug) -> CourseCompletion:
    # A certificate stays the member's even if its course is later withdrawn.
    return get_object_or_404(
        CourseCompletion.objects.select_related("course"), user=request.user, course__slug=slug
    )


@member_required
def certificate(request, slug):
    completion = _completion_or_404(request, slug)
    return render(
        request,
        "membersnet/training/certificate.html",
        {
            "completion": completion,
            "verification_url": request.build_absolute_uri(completion.get_verification_url()),
        },
    )


@member_required
def certificate_pdf(request, slug):
    completion = _completion_or_404(request, slug)
    pdf = certificates.certificate_pdf(
        completion, request.build_absolute_uri(completion.get_verification_url())
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{completion.course.slug}.pdf"'
    )
    return response


def normalise_certificate_code(typed: str) -> str:
    """A code as printed (ABCD-EFGH-JKLM), whatever case, spaces or hyphens it was typed with."""
    characters = "".join(ch for ch in (typed or "")[:40] if ch.isalnum()).upper()
    if len(characters) == 12:
        return "-".join(characters[i : i + 4] for i in (0, 4, 8))
    return characters[:20]


def verify_certificate(request, code=None):
    """Public: anyone can check a certificate by its code."""
    code = normalise_certificate_code(code or request.GET.get("code", ""))
    completion = None
    if code:
        completion = (
            CourseCompletion.objects.select_related("course").filter(certificate_code=code).first()
        )
    status = 404 if code and completion is None else 200
    return render(
        request,
        "membersnet/training/verify.html",
        {"code": code, "completion": completion},
        status=status,
    )
