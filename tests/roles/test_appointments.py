"""Appointments: who holds which role, when, and what it grants on which site."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page

from roles.appointments import NOT_A_MEMBER, appoint, end_appointment, sync_all_role_groups
from roles.models import Appointment, Role
from tests.factories import MemberFactory, UserFactory, make_member
from tests.helpers import client_for

TODAY = timezone.localdate()


def test_an_appointment_is_current_from_its_first_day_until_the_day_it_ends(clp_a):
    user = make_member(clp_a)
    appointment = appoint(
        user=user,
        constituency=clp_a,
        role=Role.SECRETARY,
        starts_on=TODAY,
        ends_on=TODAY + dt.timedelta(days=10),
    )
    assert not appointment.is_current(on=TODAY - dt.timedelta(days=1))
    assert appointment.is_current(on=TODAY)
    assert appointment.is_current(on=TODAY + dt.timedelta(days=9))
    assert not appointment.is_current(on=TODAY + dt.timedelta(days=10))
    assert list(Appointment.objects.current(TODAY + dt.timedelta(days=10))) == []


def test_an_appointment_cannot_end_before_it_starts(clp_a):
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        appoint(
            user=make_member(clp_a),
            constituency=clp_a,
            role=Role.EDITOR,
            starts_on=TODAY,
            ends_on=TODAY - dt.timedelta(days=1),
        )
    assert not Appointment.objects.exists()


def test_overlapping_appointments_to_the_same_role_are_refused(clp_a):
    user = make_member(clp_a)
    appoint(user=user, constituency=clp_a, role=Role.EDITOR, starts_on=TODAY)
    with pytest.raises(ValidationError, match="already holds that role"):
        appoint(
            user=user, constituency=clp_a, role=Role.EDITOR, starts_on=TODAY + dt.timedelta(days=5)
        )
    assert Appointment.objects.filter(user=user).count() == 1


def test_appointments_can_follow_one_another(clp_a):
    user = make_member(clp_a)
    appoint(
        user=user,
        constituency=clp_a,
        role=Role.EDITOR,
        starts_on=TODAY - dt.timedelta(days=30),
        ends_on=TODAY,
    )
    appoint(user=user, constituency=clp_a, role=Role.EDITOR, starts_on=TODAY)
    assert Appointment.objects.current().filter(user=user).count() == 1


def test_appointments_are_only_to_constituencies(hub):
    with pytest.raises(ValidationError, match="Appointments are to constituencies"):
        appoint(user=UserFactory(), constituency=hub, role=Role.SECRETARY)


def test_appointing_joins_the_constituencys_role_group_and_ending_leaves_it(clp_a):
    user = make_member(clp_a)
    appointment = appoint(user=user, constituency=clp_a, role=Role.SOCIAL_MEDIA_OFFICER)
    # With no course required to publish set up, nobody is held back from publishing.
    assert set(user.groups.values_list("constituency_role__role", flat=True)) == {
        "social_media_officer",
        "publisher",
    }
    end_appointment(appointment)
    assert not user.groups.exists()


def test_permissions_count_only_on_the_officers_own_constituency(
    clp_a, clp_b, officer_a, in_schema
):
    with in_schema(clp_a):
        assert officer_a.has_perm("wagtailadmin.access_admin")
        home = Page.objects.get(depth=2, locale__language_code="en-gb")
        assert home.permissions_for_user(officer_a).can_publish()
    officer = type(officer_a).objects.get(pk=officer_a.pk)
    with in_schema(clp_b):
        assert not officer.has_perm("wagtailadmin.access_admin")
        assert officer.get_all_permissions() == set()
        home = Page.objects.get(depth=2, locale__language_code="en-gb")
        assert not home.permissions_for_user(officer).can_edit()
        assert not home.permissions_for_user(officer).can_add_subpage()


def test_an_ended_appointment_grants_nothing_even_before_its_group_is_tidied(clp_a, in_schema):
    user = make_member(clp_a)
    appointment = appoint(
        user=user, constituency=clp_a, role=Role.EDITOR, starts_on=TODAY - dt.timedelta(days=30)
    )
    # The term reaches its end date without anyone calling end_appointment().
    Appointment.objects.filter(pk=appointment.pk).update(ends_on=TODAY)
    assert user.groups.exists()
    with in_schema(clp_a):
        fresh = type(user).objects.get(pk=user.pk)
        assert not fresh.has_perm("wagtailadmin.access_admin")
    assert client_for(clp_a, user).get("/admin/").status_code == 403
    assert sync_all_role_groups() >= 1
    assert not user.groups.exists()


def test_central_staff_have_every_permission_everywhere(clp_a, clp_b, staff_user, in_schema):
    for constituency in (clp_a, clp_b):
        with in_schema(constituency):
            assert staff_user.has_perm("wagtailcore.publish_page")


# --- Officers must be current members ---------------------------------------------------


def test_someone_without_a_member_record_is_not_appointed_and_told_why(clp_a):
    user = UserFactory(first_name="Nia", last_name="Nobody", email="nia@example.org")
    with pytest.raises(ValidationError) as refused:
        appoint(user=user, constituency=clp_a, role=Role.SOCIAL_MEDIA_OFFICER)
    assert refused.value.messages == [
        "Nia Nobody is not a current member of the Testford North CLP: they have no "
        "membership record. Officers must be current members; to appoint them anyway, give "
        "the reason for an exception."
    ]
    assert refused.value.error_list[0].code == NOT_A_MEMBER
    assert not Appointment.objects.filter(user=user).exists()
    assert not user.groups.exists()


def test_a_lapsed_member_is_not_appointed_and_the_lapse_date_is_given(clp_a):
    user = make_member(clp_a, status="lapsed", lapsed_on=dt.date(2026, 3, 3))
    with pytest.raises(ValidationError, match="their membership lapsed on 3 March 2026"):
        appoint(user=user, constituency=clp_a, role=Role.SECRETARY)
    assert not Appointment.objects.filter(user=user).exists()


def test_a_member_of_another_constituency_is_not_appointed_here(clp_a, clp_b):
    user = make_member(clp_b)
    with pytest.raises(ValidationError, match="they are a member of the Testford South CLP"):
        appoint(user=user, constituency=clp_a, role=Role.EDITOR)


def test_a_member_record_not_yet_linked_to_the_account_counts_by_its_email(clp_a):
    user = UserFactory(email="unlinked@example.org")
    MemberFactory(email="unlinked@example.org", constituency=clp_a)
    assert appoint(user=user, constituency=clp_a, role=Role.EDITOR).is_current()


def test_a_stated_exception_appoints_a_non_member_and_is_kept_with_its_reason(clp_a):
    user = UserFactory()
    appointment = appoint(
        user=user,
        constituency=clp_a,
        role=Role.SECRETARY,
        membership_exception="  Regional organiser covering while the CLP elects a Secretary. ",
    )
    appointment.refresh_from_db()
    assert appointment.membership_exception == (
        "Regional organiser covering while the CLP elects a Secretary."
    )
    assert appointment.is_current()


def test_a_blank_exception_is_no_exception(clp_a):
    with pytest.raises(ValidationError, match="they have no membership record"):
        appoint(
            user=UserFactory(), constituency=clp_a, role=Role.SECRETARY, membership_exception="  "
        )


# --- How an appointment's dates read ------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "ends", "reads"),
    [
        (0, 0, "ended today"),
        (-30, 0, "from {-30}, ended today"),
        (-30, -2, "from {-30}, ended {-2}"),
        (-2, -2, "ended {-2}"),
        (-30, None, "since {-30}"),
        (-30, 10, "since {-30}, ends {10}"),
        (5, None, "from {5}"),
        (5, 10, "from {5} until {10}"),
    ],
)
def test_an_appointments_period_reads_plainly(clp_a, starts, ends, reads):
    def day(offset):
        return TODAY + dt.timedelta(days=offset)

    appointment = Appointment(starts_on=day(starts), ends_on=None if ends is None else day(ends))
    expected = reads
    for offset in (-30, -2, 0, 5, 10):
        expected = expected.replace(f"{{{offset}}}", f"{day(offset):%-d %B %Y}")
    assert appointment.period(TODAY) == expected
