"""Control that can be checked: an officer of the CLP confirms its officers still
control an account; central staff open the account and record, by hand and dated,
whether its control code is in its bio or a pinned post. Both are audited."""

import datetime as dt

import pytest
from django.utils import timezone

from governance.models import Flag, PresenceEntry
from governance.register.flags import check_flags
from tests.helpers import client_for, html_of, text_of

from .shared import INDEX, actions, reviewed_url


def check_url(entry):
    return f"/admin/online-presence/{entry.pk}/check/"


def test_each_entry_gets_its_own_control_code(entry_a, entry_b):
    assert entry_a.control_code.startswith("LH-")
    assert len(entry_a.control_code) == 11
    assert entry_a.control_code != entry_b.control_code


def test_an_officer_confirms_control_and_it_is_dated_named_and_audited(clp_a, officer_a, entry_a):
    PresenceEntry.objects.filter(pk=entry_a.pk).update(
        last_reviewed_on=timezone.localdate() - dt.timedelta(days=400)
    )
    response = client_for(clp_a, officer_a).post(reviewed_url(entry_a), follow=True)
    assert "You confirmed the officers control" in text_of(response)
    entry_a.refresh_from_db()
    assert entry_a.last_reviewed_on == timezone.localdate()
    assert entry_a.control_confirmed_by == officer_a
    [event] = actions("register.reviewed")
    assert event.actor == officer_a
    assert event.action_label == "Control confirmed by an officer"
    page = text_of(client_for(clp_a, officer_a).get(INDEX))
    assert f"by {officer_a}" in page


@pytest.mark.parametrize(
    ("who", "host", "expected"),
    [
        ("anonymous", "a", 302),
        ("member_user", "a", 403),
        ("editor_a", "a", 403),
        ("officer_a", "a", 302),
        ("officer_b", "a", 403),  # another CLP's officer in this CLP's admin
        ("officer_b", "b", 404),  # ... or in their own, guessing this entry's id
        ("staff_user", "a", 403),  # staff check the code instead
        ("staff_user", "hub", 403),
    ],
)
def test_who_may_confirm_control(request, clp_a, clp_b, entry_a, who, host, expected):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    site = {"a": clp_a, "b": clp_b, "hub": "localhost"}[host]
    before = PresenceEntry.objects.get(pk=entry_a.pk).control_confirmed_by
    response = client_for(site, user).post(reviewed_url(entry_a))
    assert response.status_code == expected
    confirmed = PresenceEntry.objects.get(pk=entry_a.pk).control_confirmed_by
    assert (confirmed is not None) == (who == "officer_a")
    assert before is None
    if who == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


def test_staff_record_finding_the_code_with_their_name_and_the_day(staff_user, entry_a):
    staff = client_for("localhost", staff_user)
    page = text_of(staff.get(check_url(entry_a)))
    assert entry_a.control_code in page
    assert "Never checked" in page
    response = staff.post(check_url(entry_a), {"found": "yes", "note": "In the bio"}, follow=True)
    assert "the control code is on" in text_of(response)
    entry_a.refresh_from_db()
    assert entry_a.control_check_found is True
    assert entry_a.control_checked_by == staff_user
    assert entry_a.control_checked_on == timezone.localdate()
    [event] = actions("register.control_verified")
    assert event.actor == staff_user
    assert event.details["code"] == entry_a.control_code
    assert event.details["note"] == "In the bio"
    assert event.action_label == "Control code verified by central staff"


def test_staff_record_a_missing_code_and_the_register_says_so(
    clp_a, officer_a, staff_user, entry_a
):
    client_for("localhost", staff_user).post(check_url(entry_a), {"found": "no"})
    [event] = actions("register.control_not_found")
    assert event.details["found"] is False
    page = text_of(client_for(clp_a, officer_a).get(INDEX))
    assert f"Not found by {staff_user}" in page


@pytest.mark.parametrize("data", [{}, {"found": "maybe"}, {"found": "yes", "note": "x" * 301}])
def test_a_check_with_bad_input_is_refused_and_records_nothing(staff_user, entry_a, data):
    response = client_for("localhost", staff_user).post(check_url(entry_a), data)
    assert response.status_code == 200
    assert "Say what you found" in html_of(response)
    entry_a.refresh_from_db()
    assert entry_a.control_checked_on is None
    assert not actions("register.control_verified")
    assert not actions("register.control_not_found")


@pytest.mark.parametrize(
    ("who", "host", "expected"),
    [
        ("anonymous", "hub", 302),
        ("member_user", "hub", 403),
        ("officer_a", "hub", 403),
        ("officer_a", "a", 403),
        ("officer_b", "b", 403),
        ("staff_user", "a", 403),  # from the hub's admin only
        ("staff_user", "hub", 200),
    ],
)
def test_only_central_staff_on_the_hub_check_control_codes(
    request, clp_a, clp_b, entry_a, who, host, expected
):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    site = {"a": clp_a, "b": clp_b, "hub": "localhost"}[host]
    client = client_for(site, user)
    assert client.get(check_url(entry_a)).status_code == expected
    posted = client.post(check_url(entry_a), {"found": "yes"})
    assert posted.status_code == (302 if expected == 200 else expected)
    entry_a.refresh_from_db()
    assert (entry_a.control_checked_on is not None) == (expected == 200)


def test_an_entry_not_confirmed_within_the_review_period_is_flagged(
    settings, clp_a, officer_a, unit_a, entry_a
):
    settings.REGISTER_REVIEW_MONTHS = 6
    today = timezone.localdate()
    PresenceEntry.objects.filter(pk=entry_a.pk).update(
        last_reviewed_on=today - dt.timedelta(days=200)
    )
    check_flags(today)
    assert Flag.objects.filter(
        kind=Flag.Kind.NOT_REVIEWED, entry=entry_a, resolved_on__isnull=True
    ).exists()
    page = text_of(client_for(clp_a, officer_a).get(INDEX))
    assert "at least every 6 months" in page
    assert "Confirmation due" in page
    client_for(clp_a, officer_a).post(reviewed_url(entry_a))
    check_flags(today)
    assert not Flag.objects.filter(
        kind=Flag.Kind.NOT_REVIEWED, entry=entry_a, resolved_on__isnull=True
    ).exists()
