"""The register of online presence: a CLP's officers read it in their own admin, its
Secretary and Social Media Officer keep it, and central staff see and change every
unit's register from the hub. Every change is in the audit log; nothing of one CLP's
register can be seen or changed from another's admin."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.models import AuditEvent, Flag, PartyUnit, PresenceEntry
from governance.register.entries import add_entry, change_entry, mark_reviewed, remove_entry
from governance.register.flags import review_cutoff
from governance.register.units import delete_unit, ensure_clp_unit
from governance.wagtail_hooks import GovernanceRegisterGroup
from roles.admin_areas import CONSTITUENCIES, hidden_menu_items
from roles.appointments import end_appointment
from roles.models import Appointment
from tests.helpers import client_for, html_of, text_of

INDEX = "/admin/online-presence/"
CHOOSE_UNIT = "/admin/online-presence/add/"
UNITS = "/admin/governance/units/"


def add_url(unit):
    return f"/admin/online-presence/add/{unit.pk}/"


def edit_url(entry):
    return f"/admin/online-presence/{entry.pk}/edit/"


def remove_url(entry):
    return f"/admin/online-presence/{entry.pk}/remove/"


def reviewed_url(entry):
    return f"/admin/online-presence/{entry.pk}/reviewed/"


@pytest.fixture
def entry_a(unit_a, officer_a, smo_a):
    return add_entry(
        unit=unit_a,
        platform=PresenceEntry.Platform.X,
        handle="@TestfordNorthLabour",
        purpose="News and campaigns",
        controllers=[officer_a, smo_a],
        credentials_note="In the CLP's password manager",
    )


@pytest.fixture
def entry_b(unit_b, officer_b):
    return add_entry(
        unit=unit_b,
        platform=PresenceEntry.Platform.FACEBOOK_PAGE,
        url="https://www.facebook.com/TestfordSouthLabour",
        purpose="Events in Testford South",
        controllers=[officer_b],
        credentials_note="With the Secretary",
    )


def entry_form(**changes):
    data = {
        "platform": "instagram",
        "handle": "@testfordnorth",
        "url": "",
        "purpose": "Photos from campaign days",
        "credentials_note": "In the CLP's password manager",
    }
    data.update(changes)
    return data


def actions(action):
    return list(AuditEvent.objects.filter(action=action))


# Who may see the register


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
    assert "Not reviewed for 12 months" in page


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


# Who may change it


@pytest.mark.parametrize("who", ["officer_a", "smo_a", "staff_user"])
def test_designated_administrators_and_staff_see_the_buttons_to_change_it(
    request, clp_a, entry_a, who
):
    page = html_of(client_for(clp_a, request.getfixturevalue(who)).get(INDEX))
    assert "Add to the register" in page
    assert edit_url(entry_a) in page
    assert "Mark as reviewed today" in page


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


# Adding


def test_with_one_unit_adding_goes_straight_to_the_form(clp_a, officer_a, unit_a):
    response = client_for(clp_a, officer_a).get(CHOOSE_UNIT)
    assert response.status_code == 302
    assert response["Location"] == add_url(unit_a)


def test_with_branches_the_officer_first_chooses_the_unit(clp_a, clp_b, officer_a, unit_a):
    branch = PartyUnit.objects.create(kind="branch", name="Northgate", constituency=clp_a)
    PartyUnit.objects.create(kind="branch", name="Southgate", constituency=clp_b)
    client = client_for(clp_a, officer_a)
    page = text_of(client.get(CHOOSE_UNIT))
    assert "Northgate" in page
    assert "Testford North CLP" in page
    assert "Southgate" not in page
    response = client.get(CHOOSE_UNIT, {"unit": branch.pk})
    assert response["Location"] == add_url(branch)
    assert client.get(CHOOSE_UNIT, {"unit": "nonsense"}).status_code == 200


def test_the_form_offers_only_the_units_current_officers_as_controllers(
    clp_a, officer_a, smo_a, editor_a, expired_officer_a, officer_b, member_user, unit_a
):
    page = text_of(client_for(clp_a, officer_a).get(add_url(unit_a)))
    for officer in (officer_a, smo_a, editor_a):
        assert officer.email in page
    for outsider in (expired_officer_a, officer_b, member_user):
        assert outsider.email not in page


def test_a_designated_administrator_adds_an_entry_and_it_is_audited(
    clp_a, officer_a, smo_a, unit_a
):
    response = client_for(clp_a, officer_a).post(
        add_url(unit_a), {**entry_form(), "controllers": [officer_a.pk, smo_a.pk]}, follow=True
    )
    page = text_of(response)
    assert response.status_code == 200
    assert "Instagram: @testfordnorth is on the register of Testford North CLP." in page
    assert "Only one person can sign in" not in page
    entry = PresenceEntry.objects.get()
    assert (entry.unit, entry.platform, entry.handle) == (unit_a, "instagram", "@testfordnorth")
    assert set(entry.controllers.all()) == {officer_a, smo_a}
    assert entry.last_reviewed_on == timezone.localdate()
    [event] = actions("register.added")
    assert event.actor == officer_a
    assert event.constituency == clp_a
    assert event.unit == unit_a
    assert event.details["entry"] == entry.pk


def test_the_social_media_officer_can_add_too(clp_a, smo_a, unit_a):
    client_for(clp_a, smo_a).post(add_url(unit_a), {**entry_form(), "controllers": [smo_a.pk]})
    assert PresenceEntry.objects.filter(unit=unit_a).count() == 1


def test_one_controller_is_allowed_with_a_visible_warning(clp_a, officer_a, unit_a):
    response = client_for(clp_a, officer_a).post(
        add_url(unit_a), {**entry_form(), "controllers": [officer_a.pk]}, follow=True
    )
    assert "Only one person can sign in to Instagram: @testfordnorth" in text_of(response)
    assert PresenceEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "explanation"),
    [
        ({"controllers": []}, "Choose at least one officer who can sign in to it."),
        (
            {"credentials_note": "Password: hunter2"},
            "Say where the sign-in details are kept, never the details themselves.",
        ),
        (
            {"credentials_note": "the password is labour2026"},
            "Say where the sign-in details are kept, never the details themselves.",
        ),
        ({"handle": "", "url": ""}, "Give the account's handle, its address, or both."),
        ({"url": "not a web address"}, "Enter a valid URL."),
        ({"handle": "http://[oops"}, "That isn't a handle or an address we can read."),
        ({"platform": "myspace"}, "Select a valid choice."),
        ({"purpose": ""}, "This field is required."),
        ({"purpose": "x" * 251}, "Ensure this value has at most 250 characters"),
        ({"handle": "h" * 121}, "Ensure this value has at most 120 characters"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    clp_a, officer_a, unit_a, changes, explanation
):
    data = {**entry_form(), "controllers": [officer_a.pk]}
    data.update(changes)
    response = client_for(clp_a, officer_a).post(add_url(unit_a), data)
    assert response.status_code == 200
    assert explanation in text_of(response)
    if "purpose" not in changes:
        assert 'value="Photos from campaign days"' in html_of(response)
    assert not PresenceEntry.objects.exists()
    assert not actions("register.added")


def test_a_controller_who_is_not_an_officer_of_the_unit_is_refused(
    clp_a, officer_a, officer_b, member_user, unit_a
):
    client = client_for(clp_a, officer_a)
    for outsider in (officer_b, member_user):
        response = client.post(
            add_url(unit_a), {**entry_form(), "controllers": [officer_a.pk, outsider.pk]}
        )
        assert "Select a valid choice" in text_of(response)
    assert not PresenceEntry.objects.exists()


def test_the_operation_itself_refuses_controllers_who_are_not_officers(unit_a, officer_b):

    with pytest.raises(ValidationError) as refused:
        add_entry(
            unit=unit_a,
            platform="x",
            handle="@someone",
            purpose="News",
            controllers=[officer_b],
            credentials_note="Password manager",
        )
    assert "is not a current officer of Testford North CLP" in str(refused.value)
    assert not PresenceEntry.objects.exists()


def test_an_account_already_on_the_register_is_refused_however_it_is_written(
    clp_a, officer_a, unit_a, entry_b
):
    response = client_for(clp_a, officer_a).post(
        add_url(unit_a),
        {
            **entry_form(platform="facebook_page", handle=""),
            "url": "http://facebook.com/testfordsouthlabour/",
            "controllers": [officer_a.pk],
        },
    )
    assert "This account is already on the register, for Testford South CLP." in text_of(response)
    assert PresenceEntry.objects.count() == 1


def test_an_account_given_by_handle_is_the_same_as_one_given_by_its_address(
    clp_a, officer_a, unit_a, entry_a
):
    response = client_for(clp_a, officer_a).post(
        add_url(unit_a),
        {
            **entry_form(platform="x", handle=""),
            "url": "https://twitter.com/testfordnorthlabour",
            "controllers": [officer_a.pk],
        },
    )
    assert "already on the register, for Testford North CLP" in text_of(response)
    assert PresenceEntry.objects.count() == 1


def test_a_password_in_the_note_is_explained_alongside_other_mistakes(clp_a, officer_a, unit_a):
    response = client_for(clp_a, officer_a).post(
        add_url(unit_a),
        {**entry_form(purpose="", credentials_note="password: hunter2"), "controllers": []},
    )
    page = text_of(response)
    assert "never the details themselves" in page
    assert "Choose at least one officer who can sign in to it." in page
    assert "This field is required." in page
    assert not PresenceEntry.objects.exists()


def test_the_same_handle_on_another_platform_is_a_different_account(
    clp_a, officer_a, unit_a, entry_a
):
    client_for(clp_a, officer_a).post(
        add_url(unit_a),
        {
            **entry_form(platform="instagram", handle="@TestfordNorthLabour"),
            "controllers": [officer_a.pk],
        },
    )
    assert PresenceEntry.objects.count() == 2


def test_a_unit_with_no_officers_says_so_on_the_form(staff_user, clp_b, unit_b):
    page = text_of(client_for("localhost", staff_user).get(add_url(unit_b)))
    assert "has no current officers" in page


# Changing, removing, reviewing


def test_changing_an_entry_is_saved_and_audited_with_what_changed(clp_a, officer_a, smo_a, entry_a):
    response = client_for(clp_a, officer_a).post(
        edit_url(entry_a),
        {
            "platform": "x",
            "handle": "@TestfordNorthLabour",
            "url": "https://x.com/TestfordNorthLabour",
            "purpose": "News, campaigns and events",
            "credentials_note": "In the CLP's password manager",
            "controllers": [officer_a.pk],
        },
        follow=True,
    )
    assert "is updated" in text_of(response)
    entry_a.refresh_from_db()
    assert entry_a.purpose == "News, campaigns and events"
    assert entry_a.url == "https://x.com/TestfordNorthLabour"
    assert list(entry_a.controllers.all()) == [officer_a]
    [event] = actions("register.changed")
    assert event.actor == officer_a
    assert event.details["changed"] == ["url", "purpose", "controllers"]
    assert event.details["controllers_removed"] == [smo_a.pk]


def test_the_edit_form_shows_what_is_there(clp_a, officer_a, entry_a):
    page = html_of(client_for(clp_a, officer_a).get(edit_url(entry_a)))
    assert 'value="@TestfordNorthLabour"' in page
    assert 'value="News and campaigns"' in page


def test_saving_without_changes_writes_nothing_to_the_audit_log(clp_a, officer_a, smo_a, entry_a):
    response = client_for(clp_a, officer_a).post(
        edit_url(entry_a),
        {
            "platform": "x",
            "handle": "@TestfordNorthLabour",
            "url": "",
            "purpose": "News and campaigns",
            "credentials_note": "In the CLP's password manager",
            "controllers": [officer_a.pk, smo_a.pk],
        },
        follow=True,
    )
    assert "Nothing changed" in text_of(response)
    assert not actions("register.changed")


def test_a_password_typed_into_the_note_on_editing_is_refused(clp_a, officer_a, entry_a):
    response = client_for(clp_a, officer_a).post(
        edit_url(entry_a),
        {
            "platform": "x",
            "handle": "@TestfordNorthLabour",
            "purpose": "News and campaigns",
            "credentials_note": "pwd Hunter2!",
            "controllers": [officer_a.pk],
        },
    )
    assert "never the details themselves" in text_of(response)
    entry_a.refresh_from_db()
    assert entry_a.credentials_note == "In the CLP's password manager"
    assert entry_a.controllers.count() == 2


def test_a_controller_who_left_office_may_stay_but_not_be_the_only_one(
    clp_a, officer_a, smo_a, entry_a
):
    end_appointment(Appointment.objects.get(user=smo_a))
    client = client_for(clp_a, officer_a)
    page = text_of(client.get(edit_url(entry_a)))
    assert f"{smo_a} is no longer an officer but can still sign in" in page
    assert f"{smo_a.email}): no longer an officer" in page

    base = {
        "platform": "x",
        "handle": "@TestfordNorthLabour",
        "purpose": "News and campaigns",
        "credentials_note": "In the CLP's password manager",
    }
    response = client.post(edit_url(entry_a), {**base, "controllers": [smo_a.pk]})
    assert "must be a current officer of Testford North CLP" in text_of(response)
    assert entry_a.controllers.count() == 2

    client.post(
        edit_url(entry_a), {**base, "purpose": "News", "controllers": [officer_a.pk, smo_a.pk]}
    )
    entry_a.refresh_from_db()
    assert entry_a.purpose == "News"
    assert entry_a.controllers.count() == 2


def test_removing_an_entry_asks_first_then_removes_it_and_audits(clp_a, smo_a, entry_a):
    client = client_for(clp_a, smo_a)
    page = text_of(client.get(remove_url(entry_a)))
    assert "Remove X (Twitter): @TestfordNorthLabour from the register" in page
    assert PresenceEntry.objects.filter(pk=entry_a.pk).exists()
    response = client.post(remove_url(entry_a), follow=True)
    assert "is no longer on the register" in text_of(response)
    assert not PresenceEntry.objects.filter(pk=entry_a.pk).exists()
    [event] = actions("register.removed")
    assert event.actor == smo_a
    assert event.details["account"] == "@TestfordNorthLabour"
    assert event.constituency == clp_a


def test_the_list_says_review_due_on_the_same_day_the_nightly_flag_is_raised(
    clp_a, officer_a, entry_a
):

    client = client_for(clp_a, officer_a)
    cutoff = review_cutoff(timezone.localdate())
    PresenceEntry.objects.filter(pk=entry_a.pk).update(last_reviewed_on=cutoff)
    assert "Review due" not in text_of(client.get(INDEX))
    PresenceEntry.objects.filter(pk=entry_a.pk).update(
        last_reviewed_on=cutoff - dt.timedelta(days=1)
    )
    assert "Review due" in text_of(client.get(INDEX))


def test_marking_as_reviewed_today_is_saved_and_audited(clp_a, officer_a, entry_a):
    PresenceEntry.objects.filter(pk=entry_a.pk).update(
        last_reviewed_on=timezone.localdate() - dt.timedelta(days=400)
    )
    client = client_for(clp_a, officer_a)
    assert "Review due" in text_of(client.get(INDEX))
    response = client.post(reviewed_url(entry_a), {"next": INDEX}, follow=True)
    assert "marked as reviewed today" in text_of(response)
    entry_a.refresh_from_db()
    assert entry_a.last_reviewed_on == timezone.localdate()
    [event] = actions("register.reviewed")
    assert event.actor == officer_a
    assert event.details["reviewed_on"] == timezone.localdate().isoformat()


def test_reviewing_never_redirects_off_the_site(clp_a, officer_a, entry_a):
    response = client_for(clp_a, officer_a).post(
        reviewed_url(entry_a), {"next": "https://evil.example/"}
    )
    assert response["Location"] == INDEX


def test_reviewing_is_post_only(clp_a, officer_a, entry_a):
    assert client_for(clp_a, officer_a).get(reviewed_url(entry_a)).status_code == 405


def test_central_staff_change_any_entry_from_the_hub(staff_user, officer_b, entry_b):
    response = client_for("localhost", staff_user).post(
        edit_url(entry_b),
        {
            "platform": "facebook_page",
            "handle": "",
            "url": "https://www.facebook.com/TestfordSouthLabour",
            "purpose": "Events and news",
            "credentials_note": "With the Secretary",
            "controllers": [officer_b.pk],
        },
    )
    assert response.status_code == 302
    entry_b.refresh_from_db()
    assert entry_b.purpose == "Events and news"
    [event] = actions("register.changed")
    assert event.actor == staff_user
    assert event.constituency.name == "Testford South"


def test_the_operations_audit_every_change(unit_a, officer_a, smo_a):
    entry = add_entry(
        unit=unit_a,
        platform="website",
        url="https://testfordnorthlabour.org.uk/",
        purpose="Our site",
        controllers=[officer_a],
        credentials_note="Password manager",
        actor=officer_a,
    )
    assert change_entry(entry, actor=smo_a, controllers=[officer_a, smo_a]) == ["controllers"]
    mark_reviewed(entry, actor=smo_a)
    remove_entry(entry, actor=officer_a)
    events = AuditEvent.objects.filter(action__startswith="register.").order_by("at", "pk")
    assert [event.action for event in events] == [
        "register.added",
        "register.changed",
        "register.reviewed",
        "register.removed",
    ]


# Local Campaign Forums and branches


def test_a_forums_entry_is_on_the_register_of_each_of_its_clps(
    clp_a, clp_b, officer_a, officer_b, smo_a
):
    forum = PartyUnit.objects.create(kind="lcf", name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    client = client_for(clp_a, officer_a)
    page = text_of(client.get(add_url(forum)))
    assert officer_b.email in page  # the forum's officers are both CLPs' officers
    client.post(
        add_url(forum),
        {**entry_form(handle="@TestfordLCF"), "controllers": [officer_a.pk, officer_b.pk]},
    )
    entry = PresenceEntry.objects.get(unit=forum)
    assert "@TestfordLCF" in text_of(client_for(clp_b, officer_b).get(INDEX))
    assert client_for(clp_b, officer_b).get(edit_url(entry)).status_code == 200


# Units, for central staff


def test_staff_add_a_branch_to_a_clp(staff_user, clp_a, officer_a):
    response = client_for("localhost", staff_user).post(
        f"{UNITS}new/", {"kind": "branch", "name": "Northgate", "constituency": clp_a.pk}
    )
    assert response.status_code == 302
    branch = PartyUnit.objects.get(name="Northgate")
    assert (branch.kind, branch.constituency) == ("branch", clp_a)
    page = text_of(client_for(clp_a, officer_a).get(CHOOSE_UNIT))
    assert "Northgate" in page


def test_staff_add_a_forum_spanning_several_clps(staff_user, clp_a, clp_b):
    client_for("localhost", staff_user).post(
        f"{UNITS}new/",
        {"kind": "lcf", "name": "Testford LCF", "constituencies": [clp_a.pk, clp_b.pk]},
    )
    forum = PartyUnit.objects.get(name="Testford LCF")
    assert set(forum.constituencies.all()) == {clp_a, clp_b}
    page = text_of(client_for("localhost", staff_user).get(UNITS))
    assert "Testford LCF" in page
    assert "Local Campaign Forum" in page
    assert "Testford North, Testford South" in page


def test_staff_may_rename_a_clp_unit_but_not_change_what_it_is(staff_user, clp_a, clp_b, unit_a):
    client_for("localhost", staff_user).post(
        f"{UNITS}edit/{unit_a.pk}/",
        {"kind": "lcf", "name": "Testford North Labour", "constituencies": [clp_b.pk]},
    )
    unit_a.refresh_from_db()
    assert unit_a.name == "Testford North Labour"
    assert (unit_a.kind, unit_a.constituency) == ("clp", clp_a)
    assert not unit_a.constituencies.exists()


@pytest.mark.parametrize(
    ("data", "explanation"),
    [
        ({"kind": "branch", "name": "Northgate"}, "Choose the CLP this branch belongs to."),
        ({"kind": "lcf", "name": "Testford LCF"}, "Choose the CLPs this forum spans."),
        ({"kind": "clp", "name": "Another CLP"}, "Select a valid choice."),
        ({"kind": "branch", "name": ""}, "This field is required."),
    ],
)
def test_bad_units_are_explained_and_not_saved(staff_user, clp_a, data, explanation):
    count = PartyUnit.objects.count()
    response = client_for("localhost", staff_user).post(f"{UNITS}new/", data)
    assert response.status_code == 200
    assert explanation in text_of(response)
    assert PartyUnit.objects.count() == count


def test_a_clp_unit_cannot_be_deleted(staff_user, unit_a):
    response = client_for("localhost", staff_user).post(f"{UNITS}delete/{unit_a.pk}/")
    assert response.status_code == 302
    assert PartyUnit.objects.filter(pk=unit_a.pk).exists()


def test_a_unit_with_entries_cannot_be_deleted_but_an_empty_branch_can(
    staff_user, clp_a, officer_a
):
    staff = client_for("localhost", staff_user)
    branch = PartyUnit.objects.create(kind="branch", name="Northgate", constituency=clp_a)
    add_entry(
        unit=branch,
        platform="x",
        handle="@northgate",
        purpose="Branch news",
        controllers=[officer_a],
        credentials_note="Password manager",
    )
    staff.post(f"{UNITS}delete/{branch.pk}/")
    assert PartyUnit.objects.filter(pk=branch.pk).exists()

    empty = PartyUnit.objects.create(kind="branch", name="Southgate", constituency=clp_a)
    staff.post(f"{UNITS}delete/{empty.pk}/")
    assert not PartyUnit.objects.filter(pk=empty.pk).exists()


def test_the_delete_operation_itself_refuses_a_clp_or_a_unit_with_entries(
    staff_user, clp_a, officer_a
):
    clp = ensure_clp_unit(clp_a)
    branch = PartyUnit.objects.create(kind="branch", name="Northgate", constituency=clp_a)
    add_entry(
        unit=branch,
        platform=PresenceEntry.Platform.X,
        handle="@NorthgateLabour",
        purpose="News",
        controllers=[officer_a],
        credentials_note="With the Secretary",
    )
    for unit, reason in ((clp, "A CLP can't be deleted"), (branch, "has register entries")):
        with pytest.raises(ValidationError, match=reason):
            delete_unit(unit, by=staff_user)
        assert PartyUnit.objects.filter(pk=unit.pk).exists()
    assert PresenceEntry.objects.filter(unit=branch).exists()
    assert not AuditEvent.objects.filter(action="unit.deleted").exists()


def test_adding_changing_and_deleting_units_is_in_the_audit_log(staff_user, clp_a, clp_b):
    staff = client_for("localhost", staff_user)
    staff.post(
        f"{UNITS}new/",
        {"kind": "lcf", "name": "Testford LCF", "constituencies": [clp_a.pk, clp_b.pk]},
    )
    forum = PartyUnit.objects.get(name="Testford LCF")
    [added] = actions("unit.created")
    assert (added.actor, added.unit, added.summary) == (
        staff_user,
        forum,
        "Added Local Campaign Forum Testford LCF",
    )
    assert added.details["clps"] == sorted([clp_a.gss_code, clp_b.gss_code])

    staff.post(
        f"{UNITS}edit/{forum.pk}/",
        {"kind": "lcf", "name": "Testford and District LCF", "constituencies": [clp_a.pk]},
    )
    [changed] = actions("unit.changed")
    assert changed.summary == "Changed Local Campaign Forum Testford and District LCF"
    assert set(changed.details["changed"]) == {"name", "constituencies"}

    staff.post(f"{UNITS}delete/{forum.pk}/")
    [deleted] = actions("unit.deleted")
    assert deleted.summary == "Deleted Local Campaign Forum Testford and District LCF"
    assert deleted.actor == staff_user
    assert "Testford and District LCF" in text_of(staff.get("/admin/audit/"))


def test_officers_cannot_manage_units_even_in_their_own_admin(clp_a, officer_a, staff_user):
    client = client_for(clp_a, officer_a)
    response = client.post(
        f"{UNITS}new/", {"kind": "branch", "name": "Rogue", "constituency": clp_a.pk}
    )
    assert response.status_code == 404  # units are the hub's: not in a constituency's admin
    assert not PartyUnit.objects.filter(name="Rogue").exists()
    # Central staff manage units from the hub, not from a constituency's admin.
    response = client_for(clp_a, staff_user).post(
        f"{UNITS}new/", {"kind": "branch", "name": "Rogue", "constituency": clp_a.pk}
    )
    assert not PartyUnit.objects.filter(name="Rogue").exists()


def test_units_are_managed_on_the_hub_only_by_central_staff(officer_a, member_user):
    assert client_for("localhost", officer_a).get(UNITS).status_code == 403
    assert client_for("localhost", member_user).get(UNITS).status_code == 403


# Menus


def test_the_hubs_menu_group_is_the_hub_only_governance_register():

    name = GovernanceRegisterGroup().get_menu_item().name
    assert name == "governance-register"
    assert name in hidden_menu_items(CONSTITUENCIES)


def test_a_clps_admin_menu_offers_the_register_and_reports_to_its_administrators(
    clp_a, officer_a, editor_a
):
    page = client_for(clp_a, officer_a).get("/admin/").content.decode()
    assert "online-presence-register" in page
    assert "online-presence-reports" in page
    page = client_for(clp_a, editor_a).get("/admin/").content.decode()
    assert "online-presence-register" in page
    assert "online-presence-reports" not in page


def test_the_hubs_menu_offers_the_register_reports_and_units_to_staff(staff_user):
    page = client_for("localhost", staff_user).get("/admin/").content.decode()
    assert "governance-register" in page
    assert INDEX in page
    assert UNITS in page
