"""What the governance tests share: each test constituency's party unit, an officer who
keeps the register, and a visitor to the hub's public pages."""

import pytest

from governance.register.units import ensure_clp_unit
from roles.models import Role
from tests.factories import make_officer
from tests.helpers import client_for


@pytest.fixture
def unit_a(clp_a):
    return ensure_clp_unit(clp_a)


@pytest.fixture
def unit_b(clp_b):
    return ensure_clp_unit(clp_b)


@pytest.fixture
def smo_a(clp_a):
    return make_officer(clp_a, Role.SOCIAL_MEDIA_OFFICER, email="smo.a@example.org")


@pytest.fixture
def visitor(hub):
    return client_for("localhost")
