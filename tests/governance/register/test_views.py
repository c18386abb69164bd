"""The register in the admin: who may see it, and who may change it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.models import AuditEvent, Flag, PartyUnit, PresenceEntry
from governance.register.entries import add_entry
from roles.appointments import end_appointment
from roles.models import Appointment
from tests.helpers import client_for, html_of, text_of

from .shared import CHOOSE_UNIT, INDEX, add_url, edit_url, entry_form, remove_url, reviewed_url


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("member_user", 403),
        ("officer_a", 200),
        ("smo_a", 200),
        ("editor_a", 200),
        ("officer_b", 403),
        ("expired_officer_a", 403),
        ("staff_user", 200),
    ],
)
def test_who_may_open_a_clps_register(request, clp_a, entry_a, who, expected):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_for(clp_a, user).get(INDEX)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/accounts/login/")
    if expected == 200:
        assert "@TestfordNorthLabour" in text_of(response)


def test_officers_see_platform_handle_purpose_controllers_note_and_last_review(
    clp_a, officer_a, smo_a, entry_a
):
    page = text_of(client_for(clp_a, officer_a).get(INDEX))
    assert "X (Twitter)" in page
    assert "@TestfordNorthLabour" in page
    assert "News and campaigns" in page
    assert str(officer_a) in page
    assert str(smo_a) in page
    assert "In the CLP's password manager" in page
    assert timezone.localdate().strftime("%-d %b %Y") in page


def test_a_clps_admin_never_lists_another_clps_entries(clp_a, clp_b, officer_b, entry_a, entry_b):
    page = text_of(client_for(clp_b, officer_b).get(INDEX))
    assert "TestfordSouthLabour" in page
    assert "TestfordNorthLabour" not in page


def test_central_staff_see_every_clps_register_on_the_hub(staff_user, entry_a, entry_b):
    page = text_of(client_for("localhost", staff_user).get(INDEX))
    assert "TestfordNorthLabour" in page
    assert "TestfordSouthLabour" in page


def test_central_staff_in_a_clps_admin_see_only_that_clps_register(
    clp_a, staff_user, entry_a, entry_b
):
    page = text_of(client_for(clp_a, staff_user).get(INDEX))
    assert "TestfordNorthLabour" in page
    assert "TestfordSouthLabour" not in page


def test_only_officers_and_staff_reach_the_register_on_the_hub(
    officer_a, member_user, staff_user, entry_a
):
    assert client_for("localhost", officer_a).get(INDEX).status_code == 403
    assert client_for("localhost", member_user).get(INDEX).status_code == 403
    assert client_for("localhost", staff_user).get(INDEX).status_code == 200


def test_staff_filter_every_entry_by_unit_platform_and_flag(
    staff_user, unit_a, unit_b, entry_a, entry_b
):
    Flag.objects.create(kind=Flag.Kind.NOT_REVIEWED, unit=unit_b, entry=entry_b)
    staff = client_for("localhost", staff_user)

    page = text_of(staff.get(INDEX, {"unit": unit_a.pk}))
    assert "TestfordNorthLabour" in page
    assert "TestfordSouthLabour" not in page

    page = text_of(staff.get(INDEX, {"platform": "facebook_page"}))
    assert "TestfordSouthLabour" in page
    assert "TestfordNorthLabour" not in page

    page = text_of(staff.get(INDEX, {"flag": "open"}))
    assert "TestfordSouthLabour" in page
    assert "TestfordNorthLabour" not in page

    page = text_of(staff.get(INDEX, {"flag": "none"}))
    assert "TestfordNorthLabour" in page
    assert "TestfordSouthLabour" not in page

    page = text_of(staff.get(INDEX, {"flag": "no_current_controller"}))
    assert "No entry matches these filters." in page


def test_nonsense_in_the_filters_is_ignored_not_an_error(staff_user, entry_a):
    response = client_for("localhost", staff_user).get(
        INDEX, {"unit": "abc", "platform": "<b>", "flag": "zzz", "p": "999"}
    )
    assert response.status_code == 200


def test_an_open_flag_on_an_entry_is_shown_and_a_resolved_one_is_not(
    clp_a, officer_a, unit_a, entry_a
):
    Flag.objects.create(
        kind=Flag.Kind.NO_CURRENT_CONTROLLER,
        unit=unit_a,
        entry=entry_a,
        resolved_on=timezone.localdate(),
    )
    page = text_of(client_for(clp_a, officer_a).get(INDEX))
    assert "No current officer controls it" not in page
    Flag.objects.create(kind=Flag.Kind.NOT_REVIEWED, unit=unit_a, entry=entry_a)
    page = text_of(client_for(clp_a, officer_a).get(INDEX))
    assert "Control not confirmed within the review period" in page


def test_a_clp_with_no_designated_administrator_sees_its_flag(clp_a, editor_a, unit_a):
    Flag.objects.create(kind=Flag.Kind.NO_ADMINISTRATOR, unit=unit_a)
    page = text_of(client_for(clp_a, editor_a).get(INDEX))
    assert "No designated administrator" in page


def test_the_list_warns_when_only_one_person_can_sign_in(clp_b, officer_b, entry_b):
    page = text_of(client_for(clp_b, officer_b).get(INDEX))
    assert "Only one person can sign in: add another officer." in page


def test_the_list_marks_a_controller_who_has_left_office(clp_a, officer_a, smo_a, entry_a):
    end_appointment(Appointment.objects.get(user=smo_a))
    page = text_of(client_for(clp_a, officer_a).get(INDEX))
    assert f"{smo_a} (no longer an officer)" in page
    assert "Someone who has left office can still sign in" in page


def test_the_register_list_takes_the_same_queries_however_many_entries(
    clp_a, officer_a, smo_a, unit_a, entry_a, django_assert_max_num_queries
):
    client = client_for(clp_a, officer_a)
    client.get(INDEX)  # warm the per-process caches (content types, site root)
    with CaptureQueriesContext(connection) as one_entry:
        assert client.get(INDEX).status_code == 200
    branch = PartyUnit.objects.create(kind="branch", name="Northgate", constituency=clp_a)
    for number in range(12):
        add_entry(
            unit=branch if number % 2 else unit_a,
            platform=PresenceEntry.Platform.WEBSITE,
            url=f"https://site{number}.example.org/",
            purpose="A site",
            controllers=[officer_a, smo_a] if number % 3 else [officer_a],
            credentials_note="In the password manager",
        )
    with django_assert_max_num_queries(len(one_entry)):
        response = client.get(INDEX)
    assert text_of(response).count("https://site") >= 12


@pytest.mark.parametrize("who", ["officer_a", "smo_a", "staff_user"])
def test_designated_administrators_and_staff_see_the_buttons_to_change_it(
    request, clp_a, entry_a, who
):
    page = html_of(client_for(clp_a, request.getfixturevalue(who)).get(INDEX))
    assert "Add to the register" in page
    assert edit_url(entry_a) in page
    # Only the CLP's own officers can say they still control it; staff check the code.
    assert ("Confirm we still control it" in page) == (who != "staff_user")


def test_an_editor_sees_the_register_without_the_buttons(clp_a, editor_a, entry_a):
    page = html_of(client_for(clp_a, editor_a).get(INDEX))
    assert "@TestfordNorthLabour" in page
    assert "Add to the register" not in page
    assert edit_url(entry_a) not in page
    assert "you can read it" in page


def test_an_editor_cannot_add_change_remove_or_review_even_by_posting_directly(
    clp_a, editor_a, unit_a, entry_a
):
    client = client_for(clp_a, editor_a)
    before = entry_a.last_reviewed_on
    PresenceEntry.objects.filter(pk=entry_a.pk).update(
        last_reviewed_on=before - dt.timedelta(days=30)
    )
    assert client.get(CHOOSE_UNIT).status_code == 403
    assert client.get(add_url(unit_a)).status_code == 403
    response = client.post(add_url(unit_a), {**entry_form(), "controllers": [editor_a.pk]})
    assert response.status_code == 403
    assert "Only the CLP's Secretary or Social Media Officer" in text_of(response)
    assert client.get(edit_url(entry_a)).status_code == 403
    assert client.post(edit_url(entry_a), entry_form(purpose="Hijacked")).status_code == 403
    assert client.get(remove_url(entry_a)).status_code == 403
    assert client.post(remove_url(entry_a)).status_code == 403
    assert client.post(reviewed_url(entry_a)).status_code == 403

    entry_a.refresh_from_db()
    assert PresenceEntry.objects.count() == 1
    assert entry_a.purpose == "News and campaigns"
    assert entry_a.last_reviewed_on == before - dt.timedelta(days=30)
    assert not AuditEvent.objects.filter(action__startswith="register.").exclude(
        action="register.added"
    )


def test_an_officer_of_another_clp_cannot_reach_this_clps_entries_by_guessing(
    clp_b, officer_b, unit_a, entry_a
):
    """Officer B in B's own admin, with A's ids: nothing is found."""
    client = client_for(clp_b, officer_b)
    assert client.get(add_url(unit_a)).status_code == 404
    assert client.post(add_url(unit_a), entry_form()).status_code == 404
    assert client.get(edit_url(entry_a)).status_code == 404
    assert client.post(edit_url(entry_a), entry_form(purpose="Hijacked")).status_code == 404
    assert client.get(remove_url(entry_a)).status_code == 404
    assert client.post(remove_url(entry_a)).status_code == 404
    assert client.post(reviewed_url(entry_a)).status_code == 404
    entry_a.refresh_from_db()
    assert entry_a.purpose == "News and campaigns"
    assert PresenceEntry.objects.filter(pk=entry_a.pk).exists()


def test_an_officer_of_another_clp_is_refused_by_this_clps_admin(clp_a, officer_b, entry_a):
    client = client_for(clp_a, officer_b)
    assert client.get(edit_url(entry_a)).status_code == 403
    assert client.post(remove_url(entry_a)).status_code == 403
    assert PresenceEntry.objects.filter(pk=entry_a.pk).exists()


def test_members_and_anonymous_visitors_cannot_post_changes(clp_a, member_user, entry_a):
    assert client_for(clp_a, member_user).post(remove_url(entry_a)).status_code == 403
    response = client_for(clp_a).post(remove_url(entry_a))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert PresenceEntry.objects.filter(pk=entry_a.pk).exists()
