"""The cast of moderation: the required course, clp_a's trained Secretary and Social
Media Officer, an untrained one, and an editor who submits drafts."""

import pytest
from django.utils import timezone
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from constituencies.website.models import NewsIndexPage
from membersnet.training.progress import complete_lesson
from roles.models import Role
from tests.factories import make_officer
from tests.helpers import client_for


def trained(user, course):
    complete_lesson(user, course.lessons.get())
    return user


@pytest.fixture
def secretary_a(officer_a, publishing_course):
    return trained(officer_a, publishing_course)


@pytest.fixture
def smo_a(clp_a, publishing_course):
    smo = make_officer(clp_a, Role.SOCIAL_MEDIA_OFFICER, email="smo.a@example.org")
    return trained(smo, publishing_course)


@pytest.fixture
def untrained_smo_a(clp_a, publishing_course):
    return make_officer(clp_a, Role.SOCIAL_MEDIA_OFFICER, email="new.smo.a@example.org")


@pytest.fixture
def trained_editor_a(editor_a, publishing_course):
    return trained(editor_a, publishing_course)


@pytest.fixture
def secretary_b(officer_b, publishing_course):
    return trained(officer_b, publishing_course)


def news_form(title, action):
    data = nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "date": timezone.localdate().isoformat(),
            "summary": "A summary.",
            "body": streamfield([]),
        }
    )
    data[f"action-{action}"] = "1"
    return data


def add_news(client, clp, in_schema, title, action="submit"):
    """Write a news story in `clp`'s admin as `client`'s user, and save it as `action`
    (submit, draft or publish)."""
    with in_schema(clp):
        parent = NewsIndexPage.objects.get(locale__language_code="en-gb")
    return client.post(f"/admin/pages/add/website/newspage/{parent.pk}/", news_form(title, action))


def task_state_of(page) -> TaskState:
    return TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )


@pytest.fixture
def submitted(clp_a, editor_a, in_schema, secretary_a, smo_a, django_capture_on_commit_callbacks):
    """A news story clp_a's editor has written and submitted for approval."""
    with django_capture_on_commit_callbacks(execute=True):
        response = add_news(client_for(clp_a, editor_a), clp_a, in_schema, "Street stall Saturday")
    assert response.status_code == 302
    with in_schema(clp_a):
        return Page.objects.get(title="Street stall Saturday").specific
