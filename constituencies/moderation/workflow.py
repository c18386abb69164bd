"""Attaching a constituency's moderation workflow to its site."""

from django.db import connection, transaction
from django_tenants.utils import get_public_schema_name
from wagtail.models import Site, Workflow, WorkflowPage, WorkflowTask

from .models import OfficersApprovalTask

WORKFLOW_NAME = "Officers' approval"
TASK_NAME = "Approval by the Secretary or Social Media Officer"


@transaction.atomic
def attach_moderation_workflow() -> bool:
    """Make sure the site in the active constituency schema has its moderation workflow
    (one approval task by its trained officers) on its home page and the home page's
    translations, and so on every page below them. Idempotent: returns whether anything
    was added.

    Provisioning runs it on the template and on each new constituency; migration
    moderation 0002 did the same for every schema that existed before."""
    if connection.schema_name == get_public_schema_name():
        raise RuntimeError("attach_moderation_workflow() must run in a constituency's schema.")
    home = Site.objects.get(is_default_site=True).root_page
    task = OfficersApprovalTask.objects.filter(active=True).first()
    added = task is None
    if task is None:
        task = OfficersApprovalTask.objects.create(name=TASK_NAME)
    workflow = Workflow.objects.filter(active=True, workflow_tasks__task=task).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        added = True
    # A translated home page (the Welsh one) is a sibling of the English, not below it.
    for page in [home, *home.get_translations()]:
        existing = WorkflowPage.objects.filter(page=page).first()
        if existing is None or existing.workflow_id != workflow.pk:
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
            added = True
    return added
