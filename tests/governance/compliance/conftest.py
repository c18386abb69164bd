import pytest


@pytest.fixture
def people(staff_user, member_user, officer_a):
    """Who may and may not see the compliance screens, by what they are."""
    return {"anonymous": None, "member": member_user, "officer": officer_a, "staff": staff_user}
