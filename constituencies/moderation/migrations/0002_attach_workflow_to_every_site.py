"""Give every constituency that exists already the moderation workflow that provisioning
now gives a new one (moderation.workflow.attach_moderation_workflow): one approval task
by the constituency's trained officers, on the site's home page. A schema with no site
yet (the template, on its first migration) gets it when its site is built."""

from django.db import migrations

WORKFLOW_NAME = "Officers' approval"
TASK_NAME = "Approval by the Secretary or Social Media Officer"


def attach(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    OfficersApprovalTask = apps.get_model("moderation", "OfficersApprovalTask")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="moderation", model="officersapprovaltask"
    )
    task = OfficersApprovalTask.objects.create(
        name=TASK_NAME, active=True, content_type=content_type
    )
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page_id=site.root_page_id, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Which removed every workflow from the page tree: this comes after it.
        ("website", "0003_remove_wagtail_default_groups_and_moderation"),
    ]

    operations = [migrations.RunPython(attach, migrations.RunPython.noop)]
