"""Submitting, approving and sending back a draft: who is told, by email through the
outbox, and what the admin dashboard shows each of them."""

from wagtail.models import Page, Workflow, WorkflowState

from governance.models import AuditEvent
from outbox.models import OutgoingEmail
from tests.helpers import client_for, text_of

from .conftest import add_news, task_state_of


def _recipients(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def test_submitting_tells_exactly_the_trained_officers_of_that_clp(
    clp_a, submitted, mailoutbox, in_schema, untrained_smo_a, secretary_b, staff_user
):
    # The fixtures appointed an untrained SMO, clp_b's Secretary and central staff too.
    assert _recipients(mailoutbox) == ["secretary.a@example.org", "smo.a@example.org"]
    message = mailoutbox[0]
    assert message.subject == "Waiting for your approval: Street stall Saturday"
    assert f"http://{clp_a.primary_domain}/admin/pages/{submitted.pk}/edit/" in message.body
    assert "Testford North CLP" in message.body
    with in_schema(clp_a):
        assert OutgoingEmail.objects.filter(about="moderation").count() == 2
        assert not submitted.live
        assert submitted.workflow_in_progress


def test_an_officer_submitting_is_not_told_of_their_own_draft(
    clp_a, secretary_a, smo_a, in_schema, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_news(client_for(clp_a, secretary_a), clp_a, in_schema, "Officer story")
    assert _recipients(mailoutbox) == ["smo.a@example.org"]


def _act(client, page, action, comment=""):
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{page.task_state_id}/",
        {"comment": comment},
    )


def _with_task_state(page, clp, in_schema):
    with in_schema(clp):
        page.task_state_id = task_state_of(page).pk
    return page


def test_approving_publishes_and_tells_the_editor(
    clp_a, submitted, smo_a, in_schema, mailoutbox, django_capture_on_commit_callbacks
):
    page = _with_task_state(submitted, clp_a, in_schema)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _act(client_for(clp_a, smo_a), page, "approve", "Lovely, thanks.")
    assert response.status_code in (200, 302)
    with in_schema(clp_a):
        page = Page.objects.get(pk=page.pk)
        assert page.live
        assert WorkflowState.objects.get(object_id=str(page.pk)).status == "approved"
    assert _recipients(mailoutbox) == ["editor.a@example.org"]
    assert mailoutbox[0].subject == "Approved and published: Street stall Saturday"
    assert "Lovely, thanks." in mailoutbox[0].body
    assert f"http://{clp_a.primary_domain}/news/street-stall-saturday/" in mailoutbox[0].body
    event = AuditEvent.objects.get(action="page.approved")
    assert event.actor == smo_a
    assert event.constituency == clp_a
    assert event.details["comment"] == "Lovely, thanks."
    assert "Street stall Saturday" in event.summary


def test_requesting_changes_tells_the_editor_with_the_comment(
    clp_a, submitted, secretary_a, in_schema, mailoutbox, django_capture_on_commit_callbacks
):
    page = _with_task_state(submitted, clp_a, in_schema)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _act(client_for(clp_a, secretary_a), page, "reject", "Please add the start time.")
    with in_schema(clp_a):
        assert not Page.objects.get(pk=page.pk).live
        assert WorkflowState.objects.get(object_id=str(page.pk)).status == "needs_changes"
    assert _recipients(mailoutbox) == ["editor.a@example.org"]
    assert mailoutbox[0].subject == "Changes requested: Street stall Saturday"
    assert "Please add the start time." in mailoutbox[0].body
    assert f"/admin/pages/{page.pk}/edit/" in mailoutbox[0].body
    event = AuditEvent.objects.get(action="page.changes_requested")
    assert (event.actor, event.constituency) == (secretary_a, clp_a)
    assert event.details["comment"] == "Please add the start time."


def test_those_who_may_not_approve_cannot(
    clp_a, submitted, editor_a, untrained_smo_a, staff_user, officer_b, in_schema, mailoutbox
):
    """Wagtail answers a refused action 403, or sends someone without the right to the
    admin's home: either way nothing is approved."""
    page = _with_task_state(submitted, clp_a, in_schema)
    for user in (editor_a, untrained_smo_a, staff_user, officer_b):
        response = _act(client_for(clp_a, user), page, "approve")
        assert response.status_code in (302, 403), user
        assert response.get("Location", "/admin/") == "/admin/" or response.status_code == 403
    with in_schema(clp_a):
        assert not Page.objects.get(pk=page.pk).live
        assert task_state_of(page).status == "in_progress"
    assert not AuditEvent.objects.filter(action__startswith="page.").exists()


def test_the_dashboard_shows_each_their_part(
    clp_a, submitted, secretary_a, editor_a, untrained_smo_a
):
    officer_view = text_of(client_for(clp_a, secretary_a).get("/admin/"))
    assert "Awaiting your review" in officer_view
    assert "Street stall Saturday" in officer_view
    editor_view = text_of(client_for(clp_a, editor_a).get("/admin/"))
    assert "Awaiting your review" not in editor_view
    assert "Your pages and snippets in a workflow" in editor_view
    assert "Street stall Saturday" in editor_view
    untrained_view = text_of(client_for(clp_a, untrained_smo_a).get("/admin/"))
    assert "Street stall Saturday" not in untrained_view


def test_an_editor_can_submit_and_a_trained_officer_can_still_publish_directly(
    clp_a, smo_a, in_schema
):
    add_news(client_for(clp_a, smo_a), clp_a, in_schema, "Direct story", action="publish")
    with in_schema(clp_a):
        assert Page.objects.get(title="Direct story").live


def test_the_hub_keeps_wagtails_own_workflow_emails(hub, staff_user, mailoutbox):
    """Only constituency sites swap Wagtail's emails for ours: on the hub's own pages
    its "Moderators approval" still tells the superusers (central staff)."""
    workflow = Workflow.objects.get(active=True, workflow_pages__isnull=False)
    page = Page.objects.get(depth=2, locale__language_code="en-gb").specific
    page.save_revision(user=staff_user)
    workflow.start(page, staff_user)
    assert staff_user.email in _recipients(mailoutbox)
    assert not OutgoingEmail.objects.filter(about="moderation").exists()


def test_a_draft_resubmitted_after_changes_tells_the_approvers_again(
    clp_a,
    submitted,
    secretary_a,
    editor_a,
    in_schema,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with in_schema(clp_a):
        state = task_state_of(submitted)
        state.task.specific.on_action(state, secretary_a, "reject", comment="Add the time")
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            WorkflowState.objects.get(object_id=str(submitted.pk)).resume(user=editor_a)
    assert _recipients(mailoutbox) == ["secretary.a@example.org", "smo.a@example.org"]
    assert mailoutbox[0].subject == "Waiting for your approval: Street stall Saturday"
