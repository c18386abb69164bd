"""The Membersnet account tests' fixtures."""

import pytest


@pytest.fixture
def run_task(django_capture_on_commit_callbacks):
    """Run a task as a worker would: the emails it queues leave the outbox on commit."""

    def run(task, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return task.delay(*args).get()

    return run
