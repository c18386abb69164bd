"""The rulebook tests' cast (members, officers, staff) and content."""

import pytest

from tests.factories import make_member

from .shared import make_edition


@pytest.fixture
def editions(db):
    """2025 and 2026: 2026 changes 3.2.1, drops 4.1.1 and adds 3.2.2."""
    old = make_edition(
        2025,
        {
            "1.1.1": "The party is called the Example Party.",
            "3.2.1": "The Secretary calls meetings with seven days notice.",
            "3.3.1": "The quorum is ten members.",
            "4.1.1": "Candidates are selected by ballot.",
        },
    )
    new = make_edition(
        2026,
        {
            "1.1.1": "The party is called the Example Party.",
            "3.2.1": "The Secretary calls general meetings with fourteen days notice.",
            "3.2.2": "Meetings may be held online.",
            "3.3.1": "The quorum is ten members.",
        },
    )
    return old, new


@pytest.fixture
def secretary_a(officer_a):
    """clp_a's Secretary, who (like every officer) is a member of clp_a."""
    return officer_a


@pytest.fixture
def secretary_b(officer_b):
    return officer_b


@pytest.fixture
def member_b(clp_b):
    return make_member(clp_b, email="member.b@example.org")
