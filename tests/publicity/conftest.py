"""The publicity tests' fixtures: key events, officers and clients."""

import pytest

from publicity.models import ChecklistItem
from tests.factories import add_event


@pytest.fixture
def key_event(clp_a, in_schema):
    with in_schema(clp_a):
        return add_event(
            "Meet your candidate",
            starts_in_days=7,
            is_key_event=True,
            venue="Testford Library",
            postcode="TF1 1AA",
        )


@pytest.fixture
def items_of(clp_a, in_schema):
    """The event's checklist as stored: label -> item."""

    def _items_of(event):
        with in_schema(clp_a):
            return {item.label: item for item in ChecklistItem.objects.filter(event_id=event.pk)}

    return _items_of
