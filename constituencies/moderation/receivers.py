"""Signal receivers of the moderation app, connected in ModerationConfig.ready().

They keep the hub's index of waiting drafts in step (`index`), queue the emails and tell
the audit log.

Wagtail tells of each workflow step only through its signals (task_submitted also fires
when a draft sent back is resubmitted), so they are the hook. Its own receivers email
every superuser on each submission and send straight through SMTP, without retries; on
a constituency's site ours take their place and queue through the outbox to the
constituency's own people. The hub keeps Wagtail's.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.admin import signal_handlers as wagtails
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    task_submitted,
    workflow_approved,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)

from labourhub.tenancy import current_tenant, on_hub

from . import index, notices
from .models import OfficersApprovalTask
from .signals import changes_requested, draft_approved

# Wagtail's receivers of workflow events, as wagtail.admin.signal_handlers connects them.
WAGTAILS_WORKFLOW_EMAILS = (
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        wagtails.task_submission_email_notifier,
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        wagtails.workflow_submission_email_notifier,
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        wagtails.workflow_rejection_email_notifier,
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        wagtails.workflow_approval_email_notifier,
    ),
)


def replace_wagtails_workflow_emails() -> None:
    for signal, sender, dispatch_uid, _notifier in WAGTAILS_WORKFLOW_EMAILS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)


def _on_the_hub_as_wagtail_would(signal, **kwargs) -> bool:
    """On the hub, send Wagtail's email for `signal` and say so."""
    if not on_hub():
        return False
    for known, _sender, _uid, notifier in WAGTAILS_WORKFLOW_EMAILS:
        if known is signal:
            notifier(**kwargs)
    return True


@receiver(task_submitted, sender=TaskState, dispatch_uid="moderation-task-submitted")
def tell_approvers(sender, instance, user=None, **kwargs):
    if _on_the_hub_as_wagtail_would(task_submitted, sender=sender, instance=instance, user=user):
        return
    if isinstance(instance.task.specific, OfficersApprovalTask):
        index.index_submission(instance)
        notices.queue_submitted_notices(instance)


@receiver(workflow_submitted, sender=WorkflowState, dispatch_uid="moderation-workflow-submitted")
def tell_superusers_on_the_hub(sender, instance, user=None, **kwargs):
    # On a site the approvers are told of the task (above): nobody else.
    _on_the_hub_as_wagtail_would(workflow_submitted, sender=sender, instance=instance, user=user)


@receiver(workflow_approved, sender=WorkflowState, dispatch_uid="moderation-workflow-approved")
def tell_submitter_approved(sender, instance, user=None, **kwargs):
    if not _on_the_hub_as_wagtail_would(
        workflow_approved, sender=sender, instance=instance, user=user
    ):
        index.remove_from_index(instance)
        notices.queue_approved_notice(instance, user)
        _announce(draft_approved, instance, user)


@receiver(workflow_rejected, sender=WorkflowState, dispatch_uid="moderation-workflow-rejected")
def tell_submitter_changes_requested(sender, instance, user=None, **kwargs):
    if not _on_the_hub_as_wagtail_would(
        workflow_rejected, sender=sender, instance=instance, user=user
    ):
        index.remove_from_index(instance)
        notices.queue_changes_requested_notice(instance, user)
        _announce(changes_requested, instance, user)


@receiver(workflow_cancelled, sender=WorkflowState, dispatch_uid="moderation-workflow-cancelled")
def unindex_cancelled(sender, instance, **kwargs):
    # Cancelled by the editor, or ended by an officer publishing the page directly.
    if not on_hub():
        index.remove_from_index(instance)


@receiver(post_delete, sender=WorkflowState, dispatch_uid="moderation-workflow-state-deleted")
def unindex_deleted(sender, instance, **kwargs):
    # Deleting a page deletes its workflow states, and says nothing else.
    if not on_hub():
        index.remove_from_index(instance)


def _announce(signal, workflow_state, user) -> None:
    signal.send(
        OfficersApprovalTask,
        constituency=current_tenant(),
        page=workflow_state.content_object.specific,
        by=user,
        submitter=workflow_state.requested_by,
        comment=workflow_state.current_task_state.comment,
    )
