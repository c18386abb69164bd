"""Who holds an account's sign-in details: the unit's officers and anyone else (a
branch's Facebook group admins) by name and email, matched to a member record; the
recovery email and phone; never a password. Everyone listed is invited, once, to the
group administrators' course."""

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import Flag, GroupAdminInvitation, PresenceEntry, SignInHolder
from governance.register.entries import add_entry, change_entry
from governance.register.flags import check_flags
from governance.tasks import send_waiting_invitations
from membersnet.training.models import Course, CourseCompletion
from tests.factories import make_member
from tests.helpers import client_for, html_of, text_of

from .shared import INDEX, actions, add_url, edit_url, entry_form

GROUP_ADMINS = "Sam Jones, sam.jones@example.org\nAlex Khan, alex.khan@example.org"


@pytest.fixture
def course(db):
    return Course.objects.create(
        title="Looking after the party's accounts",
        slug=settings.GROUP_ADMIN_COURSE_SLUG,
        summary="For group administrators.",
        is_published=True,
    )


def branch_group(unit, controllers, holder_email):
    """A branch's Facebook group the officers and Sam Jones can sign in to."""
    return add_entry(
        unit=unit,
        platform="facebook_group",
        url="https://www.facebook.com/groups/northgatelabour",
        purpose="Branch group",
        controllers=controllers,
        credentials_note="In the password manager",
        other_holders=[("Sam Jones", holder_email)],
    )


def full_form(officer, smo, **changes):
    return {
        **entry_form(
            platform="facebook_group",
            handle="",
            url="https://www.facebook.com/groups/northgatelabour",
            purpose="Northgate branch members' group",
            other_holders=GROUP_ADMINS,
            recovery_email="social@testfordnorth.example.org",
            recovery_phone="07700 900123",
        ),
        "controllers": [officer.pk, smo.pk],
        **changes,
    }


def invitations_to(address):
    return [m for m in mail.outbox if address in m.to and "Membersnet" in m.subject]


def test_an_officer_records_who_can_sign_in_and_the_recovery_details(
    clp_a, officer_a, smo_a, unit_a, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(clp_a, officer_a).post(
            add_url(unit_a), full_form(officer_a, smo_a), follow=True
        )
    assert response.status_code == 200
    entry = PresenceEntry.objects.get()
    assert entry.recovery_email == "social@testfordnorth.example.org"
    assert entry.recovery_phone == "07700 900123"
    assert {(h.name, h.email) for h in entry.other_holders.all()} == {
        ("Sam Jones", "sam.jones@example.org"),
        ("Alex Khan", "alex.khan@example.org"),
    }
    [event] = actions("register.added")
    assert event.details["other_holders"] == ["sam.jones@example.org", "alex.khan@example.org"]
    page = text_of(client_for(clp_a, officer_a).get(INDEX))
    assert "Sam Jones (sam.jones@example.org, not an officer)" in page
    assert "Recovery email: social@testfordnorth.example.org" in page
    assert "Recovery phone: 07700 900123" in page
    assert entry.control_code in page
    # Everyone who can sign in, officers or not, is invited to the course.
    for address in ("sam.jones@example.org", "alex.khan@example.org", officer_a.email):
        [invitation] = invitations_to(address)
        assert course.get_absolute_url() in invitation.body
        assert settings.GROUP_ADMIN_GUIDELINES_SLUG in invitation.body


def test_the_change_form_shows_the_other_holders_as_typed(clp_a, officer_a, smo_a, unit_a):
    entry = branch_group(unit_a, [officer_a, smo_a], "Sam.Jones@Example.org")
    page = html_of(client_for(clp_a, officer_a).get(edit_url(entry)))
    assert "Sam Jones, sam.jones@example.org" in page


def test_an_invitation_is_sent_once_however_often_the_entry_is_saved(
    clp_a, officer_a, smo_a, unit_a, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = branch_group(unit_a, [officer_a], "sam.jones@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        change_entry(entry, purpose="The branch's group")
        change_entry(entry, controllers=[officer_a, smo_a])
        # The same person listed on a second account is not invited again either.
        add_entry(
            unit=unit_a,
            platform="whatsapp",
            handle="Northgate WhatsApp",
            purpose="Branch channel",
            controllers=[officer_a],
            credentials_note="On the Secretary's phone",
            other_holders=[("Sam Jones", "sam.jones@example.org")],
        )
    assert len(invitations_to("sam.jones@example.org")) == 1
    assert len(invitations_to(officer_a.email)) == 1
    assert len(invitations_to(smo_a.email)) == 1
    assert GroupAdminInvitation.objects.filter(sent_at__isnull=False).count() == 3


def test_without_the_course_invitations_wait_and_go_once_it_is_published(
    clp_a, officer_a, unit_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_entry(
            unit=unit_a,
            platform="x",
            handle="@TestfordNorth",
            purpose="News",
            controllers=[officer_a],
            credentials_note="In the password manager",
        )
    assert not mail.outbox
    assert GroupAdminInvitation.objects.get().sent_at is None
    Course.objects.create(
        title="Course", slug=settings.GROUP_ADMIN_COURSE_SLUG, summary="S", is_published=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_waiting_invitations() == 1
        assert send_waiting_invitations() == 1  # queued twice, still sent once
    assert len(invitations_to(officer_a.email)) == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("credentials_note", "Password: Tr0ub4dor&3", "never the details themselves"),
        ("credentials_note", "Tr0ub4dor&3", "never the details themselves"),
        ("recovery_phone", "Tr0ub4dor&3", "looks like a password"),
        ("purpose", "pwd hunter2", "looks like a password"),
        ("recovery_email", "not-an-email", "Give an email address"),
        ("recovery_phone", "call me", "Give a phone number"),
        ("recovery_phone", "12", "Give a phone number"),
        ("other_holders", "Sam Jones sam@example.org", "Line 1: give a name, a comma"),
        ("other_holders", "Sam Jones, not-an-address", "isn't an email address"),
        ("other_holders", "S3cr3t!Pass, sam@example.org", "looks like a password"),
        ("other_holders", "Sam, sam@example.org\nSam, SAM@example.org", "already listed"),
    ],
)
def test_bad_input_is_refused_clearly_saving_nothing_and_keeping_what_was_typed(
    clp_a, officer_a, smo_a, unit_a, field, value, message
):
    data = full_form(officer_a, smo_a, **{field: value})
    response = client_for(clp_a, officer_a).post(add_url(unit_a), data)
    assert response.status_code == 200
    page = html_of(response)
    assert message in page
    assert "groups/northgatelabour" in page  # the rest of what was typed stays
    assert not PresenceEntry.objects.exists()
    assert not SignInHolder.objects.exists()
    assert not GroupAdminInvitation.objects.exists()
    assert not actions("register.added")


def test_an_officer_typed_in_as_another_holder_is_sent_to_the_officers_list(
    clp_a, officer_a, smo_a, unit_a
):
    data = full_form(officer_a, smo_a, other_holders=f"Someone, {smo_a.email.upper()}")
    page = html_of(client_for(clp_a, officer_a).post(add_url(unit_a), data))
    assert "tick them among the officers instead" in page
    assert not PresenceEntry.objects.exists()


def test_a_person_without_a_member_record_is_flagged_and_shown(
    clp_a, officer_a, smo_a, unit_a, course
):
    member = make_member(clp_a, email="sam.jones@example.org")
    entry = branch_group(unit_a, [officer_a, smo_a], member.email)
    check_flags()
    assert not Flag.objects.filter(kind=Flag.Kind.HOLDER_NOT_MEMBER, entry=entry).exists()

    change_entry(
        entry,
        other_holders=[("Sam Jones", member.email), ("Alex Khan", "alex.khan@example.org")],
    )
    check_flags()
    assert Flag.objects.get(kind=Flag.Kind.HOLDER_NOT_MEMBER, entry=entry, resolved_on__isnull=True)
    page = text_of(client_for(clp_a, officer_a).get(INDEX))
    assert "1 person has no member record" in page
    assert "No member record" in page
    # Sam is a member who has not done the course; once done, the register says so.
    assert "Course not done" in page
    for user in (officer_a, smo_a, member):
        CourseCompletion.objects.create(user=user, course=course, name_on_certificate="X")
    assert "Course not done" not in text_of(client_for(clp_a, officer_a).get(INDEX))


def test_the_register_list_takes_the_same_queries_with_many_holders(
    clp_a, officer_a, smo_a, unit_a, course, django_assert_max_num_queries
):
    def add(number):
        add_entry(
            unit=unit_a,
            platform="website",
            url=f"https://site{number}.example.org/",
            purpose="A site",
            controllers=[officer_a, smo_a],
            credentials_note="In the password manager",
            other_holders=[(f"Admin {number}", f"admin{number}@example.org")],
        )

    add(0)
    client = client_for(clp_a, officer_a)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as one:
        assert client.get(INDEX).status_code == 200
    for number in range(1, 15):
        add(number)
    make_member(clp_a, email="admin3@example.org")
    with django_assert_max_num_queries(len(one)):
        response = client.get(INDEX)
    assert text_of(response).count("not an officer") == 15
