"""The report tests' fixtures."""

import pytest

from .shared import make_report


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST, running what is queued on commit (the emails) as a real request would."""

    def _post(client, path, data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data, **extra)

    return _post


@pytest.fixture
def report_a(unit_a):
    return make_report(unit_a, "@FakeTestfordNorth")


@pytest.fixture
def report_b(unit_b):
    return make_report(unit_b, "@FakeTestfordSouth")
