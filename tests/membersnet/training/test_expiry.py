"""Certificates that expire after the period staff set on a course: shown as expired,
renewed by passing again, a reminder a month before (once), and publishing taken away
the day the publishing course's certificate expires and given back on renewal."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from constituencies.website.models import NewsPage
from membersnet.training import expiry, progress
from membersnet.training import tasks as training_tasks
from membersnet.training.models import CourseCompletion, add_months
from membersnet.training.progress import complete_lesson
from roles.appointments import appoint
from roles.models import PUBLISHER, Role
from tests.factories import MemberFactory, UserFactory, make_member
from tests.helpers import client_for, page_of
from tests.roles.test_publishing_gate import _add_news, _home_permissions

from .shared import answers, do_every_lesson, make_course, pdf_text, text, words

TZ = timezone.get_current_timezone()
PASSED = dt.datetime(2026, 3, 10, 10, 0, tzinfo=TZ)  # certificates below are earned then
EXPIRES = dt.date(2027, 3, 10)  # twelve months on: no longer valid from this day


def _at(day: dt.date, hour=12):
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour), tzinfo=TZ), tick=False)


@pytest.fixture
def run_task(django_capture_on_commit_callbacks):
    def run(task, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return task.delay(*args).get()

    return run


@pytest.fixture
def yearly(member_user):
    """A course whose certificate is valid for 12 months, passed by the member on PASSED."""
    course = make_course("Yearly course", lessons=1, questions=2, pass_mark=50, months_valid=12)
    do_every_lesson(member_user, course)
    with time_machine.travel(PASSED, tick=False):
        client_for("localhost", member_user).post(
            f"{course.get_absolute_url()}quiz/", answers(course, right=2)
        )
    return course


@pytest.fixture
def publishing(db):
    """The publishing course (one lesson, no quiz), valid for 12 months."""
    return make_course(
        "Publishing on your CLP site",
        slug="publishing",
        lessons=1,
        required_for_publishing=True,
        months_valid=12,
    )


@pytest.fixture
def officer(clp_a, publishing):
    """A member of A, its Social Media Officer, who completed the publishing course on
    PASSED."""
    user = UserFactory(email="smo.a@example.org", mfa=True)  # constituency admins ask for it
    MemberFactory(user=user, email=user.email, name=user.get_full_name(), constituency=clp_a)
    appoint(
        user=user,
        constituency=clp_a,
        role=Role.SOCIAL_MEDIA_OFFICER,
        starts_on=PASSED.date() - dt.timedelta(days=30),
    )
    with time_machine.travel(PASSED, tick=False):
        complete_lesson(user, publishing.lessons.get())
    return user


def _is_publisher(user, clp):
    return user.groups.filter(
        constituency_role__constituency=clp, constituency_role__role=PUBLISHER
    ).exists()


# --- Expiry ---------------------------------------------------------------------------------


def test_the_certificate_expires_after_the_courses_period(member_user, yearly):
    completion = CourseCompletion.objects.get(user=member_user, course=yearly)
    assert completion.expires_on == EXPIRES
    assert completion.valid_until == dt.date(2027, 3, 9)
    with _at(dt.date(2027, 3, 9)):
        assert progress.has_completed(member_user, yearly)
        page = words(client_for("localhost", member_user).get(f"{yearly.get_absolute_url()}"))
        assert "Your certificate is valid until 9 March 2027." in page
        assert "You can renew it now: pass the quiz again." in page
        home = words(client_for("localhost", member_user).get("/membersnet/"))
        assert "(valid until 9 March 2027: renew it)" in home
    with _at(EXPIRES, hour=0):
        assert not progress.has_completed(member_user, yearly)


def test_an_expired_certificate_shows_as_expired_everywhere(member_user, yearly):
    completion = CourseCompletion.objects.get(user=member_user, course=yearly)
    with _at(EXPIRES):
        member = client_for("localhost", member_user)
        course_page = words(member.get(yearly.get_absolute_url()))
        assert "Your certificate expired on 10 March 2027." in course_page
        assert "Pass the quiz again to renew it." in course_page
        assert "Renew: take the quiz" in course_page
        assert "Completed; certificate expired" in words(member.get("/membersnet/training/"))
        certificate = words(member.get(f"{yearly.get_absolute_url()}certificate/"))
        assert "Expired on 10 March 2027" in certificate
        assert "This certificate has expired." in certificate
        pdf = member.get(f"{yearly.get_absolute_url()}certificate.pdf").content
        assert "Expired on 10 March 2027" in pdf_text(pdf)
        home = words(member.get("/membersnet/"))
        assert "Yearly course, 10 March 2026: certificate Expired Renew it" in home
        public = words(client_for("localhost").get(completion.get_verification_url()))
        assert "This certificate is genuine, but it has expired." in public
        assert "It expired on 10 March 2027." in public


def test_a_course_without_a_period_never_expires(member, member_user):
    course = make_course(lessons=1, questions=1)
    do_every_lesson(member_user, course)
    member.post(f"{course.get_absolute_url()}quiz/", answers(course, right=1))
    completion = CourseCompletion.objects.get(user=member_user, course=course)
    assert completion.expires_on is None
    with _at(timezone.localdate() + dt.timedelta(days=3650)):
        assert progress.has_completed(member_user, course)
        assert "valid until" not in text(
            client_for("localhost", member_user).get(completion.get_verification_url())
        )


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2027, 12, 31), 2, dt.date(2028, 2, 29)),
        (dt.date(2026, 11, 15), 3, dt.date(2027, 2, 15)),
        (dt.date(2026, 3, 10), 24, dt.date(2028, 3, 10)),
    ],
)
def test_months_are_counted_to_the_same_day_or_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


# --- Renewal -------------------------------------------------------------------------------


def test_passing_again_renews_an_expired_certificate_from_that_day(member_user, yearly):
    code = CourseCompletion.objects.get(user=member_user, course=yearly).certificate_code
    with _at(dt.date(2027, 4, 1)):
        response = client_for("localhost", member_user).post(
            f"{yearly.get_absolute_url()}quiz/", answers(yearly, right=2)
        )
        assert "You've renewed your certificate of Yearly course." in words(response)
        assert "Your certificate is valid until 31 March 2028." in words(response)
        assert progress.has_completed(member_user, yearly)
    completion = CourseCompletion.objects.get(user=member_user, course=yearly)
    assert completion.certificate_code == code  # the one certificate, renewed
    assert completion.expires_on == dt.date(2028, 4, 1)
    assert timezone.localdate(completion.renewed_at) == dt.date(2027, 4, 1)
    assert timezone.localdate(completion.completed_at) == PASSED.date()


def test_passing_again_long_before_expiry_changes_nothing(member_user, yearly):
    with _at(dt.date(2026, 9, 1)):
        response = client_for("localhost", member_user).post(
            f"{yearly.get_absolute_url()}quiz/", answers(yearly, right=2)
        )
    assert "You've completed Yearly course." in words(response)
    completion = CourseCompletion.objects.get(user=member_user, course=yearly)
    assert (completion.expires_on, completion.renewed_at) == (EXPIRES, None)


def test_a_failed_renewal_leaves_the_certificate_expired(member_user, yearly):
    with _at(dt.date(2027, 4, 1)):
        client_for("localhost", member_user).post(
            f"{yearly.get_absolute_url()}quiz/", answers(yearly, right=0)
        )
        assert not progress.has_completed(member_user, yearly)
    assert CourseCompletion.objects.get(user=member_user).expires_on == EXPIRES


# --- The reminder ---------------------------------------------------------------------------


def test_the_renewal_reminder_goes_a_month_before_once(member_user, yearly, run_task):
    with _at(dt.date(2027, 2, 9)):  # a month and a day before
        assert run_task(training_tasks.send_certificate_reminders) == 0
    with _at(dt.date(2027, 2, 10)):
        assert run_task(training_tasks.send_certificate_reminders) == 1
        assert run_task(training_tasks.send_certificate_reminders) == 0
    with _at(dt.date(2027, 2, 20)):
        assert run_task(training_tasks.send_certificate_reminders) == 0
    (message,) = mail.outbox
    assert message.to == [member_user.email]
    assert message.subject == "Renew your certificate: Yearly course (valid until 9 March 2027)"
    assert 'Your certificate for "Yearly course" is valid until Tuesday 9 March 2027.' in (
        message.body
    )
    assert "take the course's quiz again on Membersnet and pass it" in message.body
    assert "http://localhost/membersnet/training/yearly-course/" in message.body
    assert "publish" not in message.body  # not the publishing course
    assert message.from_email.startswith("LabourHub")


def test_a_renewed_certificate_is_reminded_again_before_its_new_expiry(
    member_user, yearly, run_task
):
    with _at(dt.date(2027, 2, 10)):
        run_task(training_tasks.send_certificate_reminders)
    with _at(dt.date(2027, 2, 11)):
        client_for("localhost", member_user).post(
            f"{yearly.get_absolute_url()}quiz/", answers(yearly, right=2)
        )
    with _at(dt.date(2028, 1, 11)):
        assert run_task(training_tasks.send_certificate_reminders) == 1
    assert [m.subject for m in mail.outbox][-1].endswith("(valid until 10 February 2028)")


def test_nobody_is_reminded_of_an_expired_certificate(member_user, yearly, run_task):
    with _at(dt.date(2027, 3, 12)):
        assert run_task(training_tasks.send_certificate_reminders) == 0
    assert mail.outbox == []


# --- Publishing ------------------------------------------------------------------------------


def test_publishing_goes_the_day_the_certificate_expires_and_comes_back_on_renewal(
    officer, publishing, clp_a, in_schema, run_task
):
    with _at(dt.date(2027, 3, 9)):
        assert _is_publisher(officer, clp_a)
        assert run_task(training_tasks.withdraw_expired_publishing) == 0
    with _at(EXPIRES, hour=0):
        assert run_task(training_tasks.withdraw_expired_publishing) == 1
        assert not _is_publisher(officer, clp_a)
        assert officer.groups.exists()  # still Social Media Officer: drafts, no publishing
        assert not _home_permissions(officer, clp_a, in_schema).can_publish()
        client = client_for(clp_a, officer)
        _add_news(client, clp_a, in_schema, "Expired story", publish=True)
        with in_schema(clp_a):
            story = NewsPage.objects.filter(title="Expired story").first()
            assert story is None or not story.live

    with _at(dt.date(2027, 3, 11)):
        complete_lesson(officer, publishing.lessons.get())  # renewed: passed again
        assert _is_publisher(officer, clp_a)
        response = _add_news(client_for(clp_a, officer), clp_a, in_schema, "Renewed", True)
        assert response.status_code == 302
        with in_schema(clp_a):
            assert NewsPage.objects.get(title="Renewed").live


def test_the_admin_tells_an_officer_whose_certificate_expired_to_renew_it(officer, clp_a):
    with _at(EXPIRES):
        home = words(client_for(clp_a, officer).get("/admin/"))
    assert "You can't publish yet" in home
    assert (
        "Your certificate of Publishing on your CLP site expired on 10 March 2027. You can "
        "write drafts and submit them for your Secretary or Social Media Officer to approve. "
        "To publish on this site again, renew it on Membersnet" in home
    )


def test_a_missed_night_is_caught_up(officer, clp_a, run_task):
    with _at(EXPIRES + dt.timedelta(days=2)):
        assert run_task(training_tasks.withdraw_expired_publishing) == 1
        assert not _is_publisher(officer, clp_a)


def test_the_publishing_reminder_says_what_expiry_costs(officer, run_task):
    with _at(dt.date(2027, 2, 15)):
        run_task(training_tasks.send_certificate_reminders)
    (message,) = mail.outbox
    assert "you won't be able to publish until you renew it" in message.body


# --- The period staff set ----------------------------------------------------------------------


def _course_form(course, months):
    return {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "is_published": "on",
        "required_for_publishing": "on" if course.required_for_publishing else "",
        "pass_mark": str(course.pass_mark),
        "months_valid": str(months),
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }


def _edit_url(course):
    return reverse("courses:edit", args=[course.pk], urlconf="labourhub.urls_public")


def test_staff_shortening_the_period_leave_at_least_a_month(staff_user, officer, publishing):
    with _at(dt.date(2026, 9, 1)):
        staff = client_for("localhost", staff_user)
        response = staff.post(_edit_url(publishing), _course_form(publishing, 3), follow=True)
        assert "1 certificate of this course now expire on a new date." in text(response)
    # Three months from 10 March would be 10 June, already past: a month from today.
    assert CourseCompletion.objects.get(user=officer).expires_on == dt.date(2026, 10, 1)


def test_staff_lengthening_the_period_give_publishing_back_at_once(
    staff_user, officer, publishing, clp_a
):
    with _at(EXPIRES + dt.timedelta(days=1)):
        expiry.sync_expired_publishers()
        assert not _is_publisher(officer, clp_a)
        staff = client_for("localhost", staff_user)
        staff.post(_edit_url(publishing), _course_form(publishing, 24))
        assert CourseCompletion.objects.get(user=officer).expires_on == dt.date(2028, 3, 10)
        assert _is_publisher(officer, clp_a)


def test_a_period_that_is_not_a_number_of_months_is_refused(staff, publishing):
    for bad in ("0", "-3", "121", "a year"):
        response = staff.post(_edit_url(publishing), _course_form(publishing, bad))
        assert response.status_code == 200, bad
        publishing.refresh_from_db()
        assert publishing.months_valid == 12, bad


# --- Who sees what ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("lapsed_member", 403),
        ("officer_by_exception", 403),  # an officer who is not a member
        ("officer_b", 200),  # an officer (and so a member) of the other CLP
        ("member_user", 200),
        ("officer", 200),
        ("staff_user", 200),
    ],
)
def test_the_renewal_quiz_page_is_for_members_and_staff(who, status, request, publishing):
    course = make_course("Renewable", lessons=1, questions=1, months_valid=12)
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_for("localhost", user).get(f"{course.get_absolute_url()}quiz/")
    assert response.status_code == status


def test_the_dashboard_shows_officers_whose_certificate_expired_or_expires_soon(
    staff_user, officer, clp_a, clp_b, django_assert_max_num_queries
):
    soon = make_member(clp_a, email="soon.a@example.org")
    appoint(user=soon, constituency=clp_a, role=Role.EDITOR, starts_on=PASSED.date())
    CourseCompletion.objects.create(
        user=soon,
        course=progress.publishing_course(),
        name_on_certificate="Soon",
        expires_on=dt.date(2027, 4, 1),
    )
    with _at(dt.date(2027, 3, 15)):
        staff = client_for("localhost", staff_user)
        staff.get("/admin/compliance/")
        with django_assert_max_num_queries(45) as few:
            page = page_of(staff.get("/admin/compliance/"))
    assert "2 publishing certificates expired or expiring within a month" in page
    for number, clp in enumerate([clp_a, clp_b] * 3):
        more = make_member(clp, email=f"more{number}@example.org")
        appoint(user=more, constituency=clp, role=Role.EDITOR, starts_on=PASSED.date())
        CourseCompletion.objects.create(
            user=more,
            course=progress.publishing_course(),
            name_on_certificate=f"More {number}",
            expires_on=dt.date(2027, 3, 1),
        )
    with _at(dt.date(2027, 3, 15)), django_assert_max_num_queries(len(few.captured_queries)):
        more_page = page_of(staff.get("/admin/compliance/"))
    assert "8 publishing certificates expired or expiring within a month" in more_page
    lapsing = page[page.index('<section id="lapsing"') :]
    lapsing = lapsing[: lapsing.index("</section>")]
    assert lapsing.index("smo.a@example.org") < lapsing.index("soon.a@example.org")
    assert "Expired on 10 March 2027" in lapsing
    assert "Expires on 1 April 2027" in lapsing
    untrained = page[page.index('<section id="untrained"') :]
    untrained = untrained[: untrained.index("</section>")]
    assert "smo.a@example.org" in untrained  # expired: no longer trained
    assert "soon.a@example.org" not in untrained


def test_only_central_staff_see_the_lapsing_certificates(officer, officer_b, clp_a, staff):
    assert 'id="lapsing"' in page_of(staff.get("/admin/compliance/"))
    for user in (officer, officer_b):
        response = client_for("localhost", user).get("/admin/compliance/")
        assert response.status_code == 403, user
    assert client_for("localhost").get("/admin/compliance/").status_code == 302
    assert client_for(clp_a, officer).get("/admin/compliance/").status_code == 404
