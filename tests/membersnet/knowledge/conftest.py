"""The knowledge bank tests' fixtures."""

import pytest

from membersnet.knowledge.models import Topic

from .shared import add_fact


@pytest.fixture
def nhs(db):
    return Topic.objects.create(name="NHS")


@pytest.fixture
def fact(nhs):
    return add_fact(topics=[nhs])
