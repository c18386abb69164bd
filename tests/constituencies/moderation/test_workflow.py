"""Each constituency's moderation workflow: who approves, and that every site has it."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from wagtail.models import Page, Site, Workflow, WorkflowPage

from constituencies.moderation.models import OfficersApprovalTask
from constituencies.moderation.workflow import WORKFLOW_NAME, attach_moderation_workflow
from constituencies.provisioning import provision_constituency
from constituencies.website.models import HomePage
from roles.appointments import end_appointment
from roles.models import Appointment

from .conftest import trained


def _fresh(user):
    # A new object, as each request has: the task caches its answer on the user.
    return type(user).objects.get(pk=user.pk)


def _may_approve(user, clp, in_schema):
    with in_schema(clp):
        task = OfficersApprovalTask.objects.get()
        page = Page.objects.get(depth=2, locale__language_code="en-gb")
        return bool(task.get_actions(page, _fresh(user))) and not task.locked_for_user(
            page, _fresh(user)
        )


def test_trained_secretary_and_smo_approve(clp_a, secretary_a, smo_a, in_schema):
    assert _may_approve(secretary_a, clp_a, in_schema)
    assert _may_approve(smo_a, clp_a, in_schema)


def test_others_may_not_approve(
    clp_a,
    untrained_smo_a,
    editor_a,
    secretary_b,
    staff_user,
    member_user,
    in_schema,
    publishing_course,
):
    trained(editor_a, publishing_course)  # trained, but an editor
    for user in (untrained_smo_a, editor_a, secretary_b, staff_user, member_user):
        assert not _may_approve(user, clp_a, in_schema), user


def test_the_officer_of_another_clp_approves_only_there(clp_b, secretary_b, in_schema):
    assert _may_approve(secretary_b, clp_b, in_schema)


def test_training_and_appointments_apply_at_once(
    clp_a, untrained_smo_a, in_schema, publishing_course
):
    assert not _may_approve(untrained_smo_a, clp_a, in_schema)
    trained(untrained_smo_a, publishing_course)
    assert _may_approve(untrained_smo_a, clp_a, in_schema)
    end_appointment(Appointment.objects.get(user=untrained_smo_a))
    assert not _may_approve(untrained_smo_a, clp_a, in_schema)


def test_approvers_see_their_pending_drafts_and_nobody_else_does(
    clp_a, submitted, secretary_a, editor_a, staff_user, in_schema
):
    with in_schema(clp_a):
        task = OfficersApprovalTask.objects.get()
        assert list(task.get_task_states_user_can_moderate(_fresh(secretary_a))) != []
        assert not task.get_task_states_user_can_moderate(_fresh(editor_a)).exists()
        assert not task.get_task_states_user_can_moderate(_fresh(staff_user)).exists()


def _attached(clp, in_schema):
    with in_schema(clp):
        home = Site.objects.get(is_default_site=True).root_page
        link = WorkflowPage.objects.filter(page=home).select_related("workflow").first()
        if link is None:
            return None
        tasks = [task.specific for task in link.workflow.tasks]
        return link.workflow.name, [type(task) for task in tasks]


@pytest.mark.parametrize("clp", ["clp_a", "clp_b"])
def test_every_site_has_the_workflow(clp, request, in_schema):
    assert _attached(request.getfixturevalue(clp), in_schema) == (
        WORKFLOW_NAME,
        [OfficersApprovalTask],
    )


def test_provisioning_attaches_the_workflow(db, in_schema):
    clp = provision_constituency(
        name="Moderation Town", gss_code="E14999981", override_reason="A test constituency"
    )
    assert _attached(clp, in_schema) == (WORKFLOW_NAME, [OfficersApprovalTask])


def _detach(clp, in_schema):
    with in_schema(clp):
        WorkflowPage.objects.all().delete()
        Workflow.objects.filter(name=WORKFLOW_NAME).delete()
        OfficersApprovalTask.objects.all().delete()


def test_an_existing_site_gets_the_workflow_once(clp_b, in_schema):
    _detach(clp_b, in_schema)
    assert _attached(clp_b, in_schema) is None
    with in_schema(clp_b):
        assert attach_moderation_workflow() is True
        assert attach_moderation_workflow() is False
    assert _attached(clp_b, in_schema) == (WORKFLOW_NAME, [OfficersApprovalTask])


def test_the_migration_gives_existing_sites_the_workflow(clp_b, in_schema):
    migration = importlib.import_module(
        "constituencies.moderation.migrations.0002_attach_workflow_to_every_site"
    )
    _detach(clp_b, in_schema)
    with in_schema(clp_b):
        migration.attach(apps, connection.schema_editor())
        # The migration predates Welsh: the operation adds the Welsh home, once.
        assert attach_moderation_workflow() is True
        assert attach_moderation_workflow() is False
    assert _attached(clp_b, in_schema) == (WORKFLOW_NAME, [OfficersApprovalTask])


def test_welsh_pages_go_through_the_same_workflow(clp_b, in_schema):
    with in_schema(clp_b):
        english = HomePage.objects.get(locale__language_code="en-gb")
        welsh = HomePage.objects.get(locale__language_code="cy")
        assert welsh.get_workflow() == english.get_workflow()
        assert welsh.get_workflow().name == WORKFLOW_NAME
