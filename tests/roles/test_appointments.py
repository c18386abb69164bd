"""Appointments: who holds which role, when, and what it grants on which site."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page

from roles.appointments import appoint, end_appointment, sync_all_role_groups
from roles.models import Appointment, Role
from tests.factories import UserFactory, make_member
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
        home = Page.objects.get(depth=2)
        assert home.permissions_for_user(officer_a).can_publish()
    officer = type(officer_a).objects.get(pk=officer_a.pk)
    with in_schema(clp_b):
        assert not officer.has_perm("wagtailadmin.access_admin")
        assert officer.get_all_permissions() == set()
        home = Page.objects.get(depth=2)
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
