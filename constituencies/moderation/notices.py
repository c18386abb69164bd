"""The emails of a constituency's moderation: to its approvers when a draft is submitted
(or resubmitted), and to whoever submitted it when it is approved or sent back. Each is
queued in the constituency's outbox in the workflow's own transaction and sent by the
outbox's Celery task, so a failed send is retried. Nobody outside the constituency is
told: its approvers are its own trained officers (`approvers`), never the party's staff."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from constituencies.public_urls import public_url
from labourhub.tenancy import current_tenant
from outbox.queueing import queue_email

from .approvers import approvers_of

ABOUT = "moderation"


def _admin_link(constituency, page) -> str:
    path = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return public_url(constituency.primary_domain, path)


def _live_link(constituency, page) -> str:
    path = page.get_url()
    return public_url(constituency.primary_domain, path) if path else ""


def _queue(template: str, subject: str, recipients, context: dict, workflow_state) -> int:
    sent = 0
    for user in recipients:
        if not user.is_active or not user.email:
            continue
        queue_email(
            EmailMessage(
                subject=subject,
                body=render_to_string(template, {**context, "recipient": user}),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[user.email],
            ),
            about=ABOUT,
            about_id=workflow_state.pk,
        )
        sent += 1
    return sent


def queue_submitted_notices(task_state) -> int:
    """Tell each of the constituency's approvers that a draft waits for them (not the
    submitter, if they are one). Returns how many were told."""
    constituency = current_tenant()
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object.specific
    submitter = workflow_state.requested_by
    recipients = [user for user in approvers_of(constituency) if user != submitter]
    context = {
        "page": page,
        "constituency": constituency,
        "submitter": submitter,
        "link": _admin_link(constituency, page),
    }
    return _queue(
        "moderation/email/submitted.txt",
        f"Waiting for your approval: {page.title}",
        recipients,
        context,
        workflow_state,
    )


def _tell_submitter(workflow_state, user, template: str, subject: str, **context) -> int:
    submitter = workflow_state.requested_by
    if submitter is None or submitter == user:
        return 0
    constituency = current_tenant()
    page = workflow_state.content_object.specific
    context = {
        "page": page,
        "constituency": constituency,
        "by": user,
        "admin_link": _admin_link(constituency, page),
        "live_link": _live_link(constituency, page),
        **context,
    }
    return _queue(template, subject.format(title=page.title), [submitter], context, workflow_state)


def queue_approved_notice(workflow_state, user) -> int:
    """Tell whoever submitted the draft that `user` approved and so published it."""
    return _tell_submitter(
        workflow_state,
        user,
        "moderation/email/approved.txt",
        "Approved and published: {title}",
        comment=workflow_state.current_task_state.comment,
    )


def queue_changes_requested_notice(workflow_state, user) -> int:
    """Tell whoever submitted the draft that `user` asked for changes, and what they said."""
    return _tell_submitter(
        workflow_state,
        user,
        "moderation/email/changes_requested.txt",
        "Changes requested: {title}",
        comment=workflow_state.current_task_state.comment,
    )
