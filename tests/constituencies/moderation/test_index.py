"""The hub's index of waiting drafts follows each workflow: in when submitted, out when
approved, sent back, cancelled or deleted, back in when resubmitted; and a rebuild from
the schemas agrees with it."""

from django.core.management import call_command
from wagtail.models import Page, WorkflowState

from constituencies.moderation.index import rebuild_index
from constituencies.moderation.waiting.models import WaitingDraft

from .conftest import task_state_of


def _indexed(clp):
    return list(
        WaitingDraft.objects.filter(constituency=clp).values_list("title", "submitted_by__email")
    )


def test_a_submitted_draft_is_indexed(clp_a, clp_b, submitted):
    assert _indexed(clp_a) == [("Street stall Saturday", "editor.a@example.org")]
    assert _indexed(clp_b) == []


def test_approval_takes_it_out(clp_a, submitted, smo_a, in_schema):
    with in_schema(clp_a):
        task_state_of(submitted).specific.task.specific.on_action(
            task_state_of(submitted), smo_a, "approve"
        )
    assert _indexed(clp_a) == []


def test_sent_back_it_goes_out_and_resubmitted_it_comes_back(
    clp_a, submitted, secretary_a, editor_a, in_schema
):
    with in_schema(clp_a):
        state = task_state_of(submitted)
        state.task.specific.on_action(state, secretary_a, "reject", comment="More detail")
        assert _indexed(clp_a) == []
        WorkflowState.objects.get(object_id=str(submitted.pk)).resume(user=editor_a)
    assert _indexed(clp_a) == [("Street stall Saturday", "editor.a@example.org")]


def test_cancelling_or_deleting_takes_it_out(clp_a, submitted, editor_a, in_schema):
    with in_schema(clp_a):
        WorkflowState.objects.get(object_id=str(submitted.pk)).cancel(user=editor_a)
        assert _indexed(clp_a) == []
        submitted.save_revision(user=editor_a)
        submitted.get_workflow().start(submitted, editor_a)
        assert len(_indexed(clp_a)) == 1
        Page.objects.get(pk=submitted.pk).delete()
    assert _indexed(clp_a) == []


def test_rebuilding_agrees_with_the_receivers(clp_a, clp_b, submitted):
    before = sorted(WaitingDraft.objects.values_list("constituency", "page_id", "title", "since"))
    WaitingDraft.objects.all().delete()
    WaitingDraft.objects.create(
        constituency=clp_b, page_id=999, title="Stale", since=submitted.latest_revision_created_at
    )
    assert rebuild_index() == 1
    after = sorted(WaitingDraft.objects.values_list("constituency", "page_id", "title", "since"))
    assert after == before


def test_setup_platform_rebuilds_the_index_after_a_deploy(clp_a, clp_b, submitted, capsys):
    WaitingDraft.objects.create(
        constituency=clp_b, page_id=999, title="Stale", since=submitted.latest_revision_created_at
    )
    call_command("setup_platform")
    assert _indexed(clp_b) == []
    assert _indexed(clp_a) == [("Street stall Saturday", "editor.a@example.org")]
