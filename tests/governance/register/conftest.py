"""The register tests' cast: officers of both constituencies and their clients."""

import pytest

from governance.models import PresenceEntry
from governance.register.entries import add_entry


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
