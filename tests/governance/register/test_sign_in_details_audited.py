"""The register shows who can sign in to an account and its recovery email and phone:
each list or form that shows someone's details is one audit entry naming whose they
were. Officers' own names on their register are not recorded; refused requests write
nothing."""

import pytest

from governance.models import PresenceEntry
from governance.register.entries import add_entry
from tests.helpers import client_for

from .shared import INDEX, actions, edit_url

SEEN = "register.sign_in_details_viewed"


@pytest.fixture
def group_a(unit_a, officer_a):
    """A branch group Sam (not an officer) can sign in to, recovered by the CLP's inbox."""
    return add_entry(
        unit=unit_a,
        platform=PresenceEntry.Platform.FACEBOOK_GROUP,
        url="https://www.facebook.com/groups/northgatelabour",
        purpose="Branch members' discussion",
        controllers=[officer_a],
        credentials_note="With the Secretary",
        recovery_email="Inbox@TestfordNorth.example",
        recovery_phone="07700 900123",
        other_holders=[("Sam Jones", "sam.jones@example.org")],
    )


def test_the_register_list_showing_sign_in_details_is_audited(clp_a, officer_a, group_a):
    response = client_for(clp_a, officer_a).get(INDEX)
    assert "sam.jones@example.org" in response.content.decode()
    [entry] = actions(SEEN)
    assert entry.actor == officer_a
    assert entry.constituency == clp_a
    assert entry.people == ["inbox@testfordnorth.example", "sam.jones@example.org"]
    assert entry.details["entries"] == [group_a.pk]
    client_for(clp_a, officer_a).get(INDEX)
    assert len(actions(SEEN)) == 2


def test_staff_opening_an_entry_on_the_hub_is_audited_against_its_clp(
    staff_user, clp_a, group_a, unit_a
):
    response = client_for("localhost", staff_user).get(edit_url(group_a))
    assert response.status_code == 200
    [entry] = actions(SEEN)
    assert entry.actor == staff_user
    assert entry.record == f"governance.PresenceEntry:{group_a.pk}"
    assert entry.constituency == clp_a
    assert entry.unit == unit_a


def test_a_register_of_officers_only_records_nothing(clp_a, officer_a, entry_a):
    assert client_for(clp_a, officer_a).get(INDEX).status_code == 200
    assert actions(SEEN) == []


@pytest.mark.parametrize(
    ("who", "where"),
    [
        ("anonymous", "clp_a"),
        ("member_user", "clp_a"),
        ("officer_b", "clp_a"),
        ("officer_a", "hub"),
    ],
)
def test_those_refused_the_register_leave_no_entry(request, group_a, who, where):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    site = "localhost" if where == "hub" else request.getfixturevalue(where)
    for path in (INDEX, edit_url(group_a)):
        response = client_for(site, user).get(path)
        assert "sam.jones@example.org" not in response.content.decode()
    assert actions(SEEN) == []
