"""Keeping the register: adding, changing, removing and reviewing entries, by the rules the
policy sets."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.models import AuditEvent, PartyUnit, PresenceEntry
from governance.register.control import confirm_control
from governance.register.entries import add_entry, change_entry, remove_entry
from governance.register.flags import review_cutoff
from roles.appointments import end_appointment
from roles.models import Appointment
from tests.helpers import client_for, html_of, text_of

from .shared import (
    CHOOSE_UNIT,
    INDEX,
    actions,
    add_url,
    edit_url,
    entry_form,
    remove_url,
    reviewed_url,
)


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
    assert "Confirmation due" not in text_of(client.get(INDEX))
    PresenceEntry.objects.filter(pk=entry_a.pk).update(
        last_reviewed_on=cutoff - dt.timedelta(days=1)
    )
    assert "Confirmation due" in text_of(client.get(INDEX))


def test_marking_as_reviewed_today_is_saved_and_audited(clp_a, officer_a, entry_a):
    PresenceEntry.objects.filter(pk=entry_a.pk).update(
        last_reviewed_on=timezone.localdate() - dt.timedelta(days=400)
    )
    client = client_for(clp_a, officer_a)
    assert "Confirmation due" in text_of(client.get(INDEX))
    response = client.post(reviewed_url(entry_a), {"next": INDEX}, follow=True)
    assert "You confirmed the officers control" in text_of(response)
    entry_a.refresh_from_db()
    assert entry_a.last_reviewed_on == timezone.localdate()
    [event] = actions("register.reviewed")
    assert event.actor == officer_a
    assert entry_a.control_confirmed_by == officer_a
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
    confirm_control(entry, by=smo_a, constituency=unit_a.constituency)
    remove_entry(entry, actor=officer_a)
    events = AuditEvent.objects.filter(action__startswith="register.").order_by("at", "pk")
    assert [event.action for event in events] == [
        "register.added",
        "register.changed",
        "register.reviewed",
        "register.removed",
    ]
