"""Certificates that expire: re-dating them when staff change a course's period, the
renewal reminder a month before, and taking publishing away the day the publishing
course's certificate expires."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from constituencies.public_urls import public_url
from outbox.queueing import queue_email
from roles.appointments import sync_role_groups

from .models import RENEWAL_MONTHS, Course, CourseCompletion, add_months
from .progress import expiry_for, publishing_course

# A day the beat task missed (a worker down at midnight) is caught up on the next days.
EXPIRY_CATCH_UP_DAYS = 7


@transaction.atomic
def redate_certificates(course: Course, on: dt.date | None = None) -> int:
    """Give `course`'s certificates the expiry its period now sets, counted from the day
    each was last passed. Staff shortening the period (or setting one for the first
    time) never make a certificate that is valid today expire within the month: it
    gets a month from `on`, and its reminder. Returns how many changed."""
    on = on or timezone.localdate()
    earliest = add_months(on, RENEWAL_MONTHS)
    changed = []
    for completion in CourseCompletion.objects.filter(course=course).select_for_update():
        expires_on = expiry_for(course, completion.passed_on)
        if expires_on is not None and not completion.is_expired(on):
            expires_on = max(expires_on, min(completion.expires_on or earliest, earliest))
        if expires_on != completion.expires_on:
            completion.expires_on, completion.reminder_sent_at = expires_on, None
            changed.append(completion)
    CourseCompletion.objects.bulk_update(changed, ["expires_on", "reminder_sent_at"])
    if changed and course == publishing_course():
        users = get_user_model().objects.filter(pk__in={c.user_id for c in changed})
        for user in users:
            sync_role_groups(user)  # a certificate revived or expired takes effect at once
    return len(changed)


def due_reminders(on: dt.date | None = None):
    """Certificates expiring within the month after `on` whose holder has not been
    reminded since they last passed."""
    on = on or timezone.localdate()
    return CourseCompletion.objects.filter(
        expires_on__gt=on,
        expires_on__lte=add_months(on, RENEWAL_MONTHS),
        reminder_sent_at__isnull=True,
        user__is_active=True,
    )


def reminder_email(completion: CourseCompletion) -> EmailMessage:
    course = completion.course
    return EmailMessage(
        subject=f"Renew your certificate: {course.title} (valid until "
        f"{completion.valid_until:%-d %B %Y})",
        body=render_to_string(
            "membersnet/email/certificate_reminder.txt",
            {
                "completion": completion,
                "course": course,
                "course_url": public_url(settings.HUB_DOMAINS[0], course.get_absolute_url()),
                "publishing": course.required_for_publishing,
            },
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[completion.user.email],
    )


def send_renewal_reminders(on: dt.date | None = None) -> int:
    """Queue the renewal reminder of every certificate due one; returns how many. The
    mark and the email (in the outbox) commit together, so a reminder is sent once per
    certificate period however often this runs."""
    on = on or timezone.localdate()
    sent = 0
    for completion_id in list(due_reminders(on).values_list("pk", flat=True)):
        with transaction.atomic():
            marked = (
                due_reminders(on).filter(pk=completion_id).update(reminder_sent_at=timezone.now())
            )
            if not marked:
                continue  # another run has just sent it, or it was renewed
            completion = CourseCompletion.objects.select_related("course", "user").get(
                pk=completion_id
            )
            queue_email(
                reminder_email(completion),
                about="training.certificate_reminder",
                about_id=completion.pk,
            )
            sent += 1
    return sent


def sync_expired_publishers(on: dt.date | None = None) -> int:
    """Take publishing from officers and editors whose certificate of the publishing
    course expired today (or in the last few days, should a day have been missed):
    their groups are brought in line with their appointments and training. Returns how
    many people were checked."""
    on = on or timezone.localdate()
    course = publishing_course()
    if course is None:
        return 0
    expired = (
        CourseCompletion.objects.filter(
            course=course,
            expires_on__lte=on,
            expires_on__gt=on - dt.timedelta(days=EXPIRY_CATCH_UP_DAYS),
            user__appointments__isnull=False,
        )
        .select_related("user")
        .distinct()
    )
    count = 0
    for completion in expired:
        sync_role_groups(completion.user)
        count += 1
    return count
