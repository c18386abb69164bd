"""The training tests' member and course."""

import pytest

from tests.helpers import client_for

from .shared import add_resource, add_video, make_course


@pytest.fixture
def member(member_user):
    return client_for("localhost", member_user)


@pytest.fixture
def course(db):
    """A published course: a video lesson with captions and a resource, a text lesson,
    and a one-question quiz."""
    course = make_course(lessons=2, questions=1)
    lesson = course.lessons.get(position=1)
    add_video(lesson)
    add_resource(lesson)
    return course
