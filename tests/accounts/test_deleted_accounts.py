"""Deleting a user who has worked on constituencies' sites: the user goes at once, with no
check or lock in any constituency's schema, and what the schemas hold of theirs is then
cleared as the foreign keys' `on_delete` would have done: pages and revisions keep their
content and lose their author; the user's subscriptions and comments go."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Comment, Page, PageLogEntry, PageSubscription, Revision

from accounts import deleted_accounts
from accounts.models import DeletedAccount
from accounts.tasks import clear_waiting_deleted_accounts
from tests.factories import UserFactory, add_news, make_member
from tests.helpers import client_for

User = get_user_model()


def _work_on_the_site(user, title):
    """A news item the user owns and revised, an image they uploaded, a comment, a
    subscription to the page's comments, and the log line for publishing it."""
    story = add_news(title, owner=user)
    story.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    revision = story.latest_revision
    Image.objects.create(title=f"{title} photo", file=get_test_image_file(), uploaded_by_user=user)
    Comment.objects.create(
        page=story, user=user, text="Check the date", contentpath="title", revision_created=revision
    )
    PageSubscription.objects.create(page=story, user=user, comment_notifications=True)
    return story


def _what_the_schema_holds_of(user_id, title):
    story = Page.objects.get(title=title)
    return {
        "page owner": story.owner_id,
        "revision authors": set(
            Revision.page_revisions.filter(object_id=str(story.pk)).values_list(
                "user_id", flat=True
            )
        ),
        "image uploader": Image.objects.get(title=f"{title} photo").uploaded_by_user_id,
        "comments": Comment.objects.filter(user_id=user_id).count(),
        "subscriptions": PageSubscription.objects.filter(user_id=user_id).count(),
        "page still published": story.live,
    }


@pytest.fixture
def worker_on_both_sites(clp_a, clp_b, in_schema):
    user = UserFactory(email="leaving@example.org")
    for constituency in (clp_a, clp_b):
        with in_schema(constituency):
            _work_on_the_site(user, f"Leaflet drop in {constituency.name}")
    return user


def test_deleting_a_user_clears_them_from_every_constituency_they_worked_on(
    worker_on_both_sites, clp_a, clp_b, in_schema, django_capture_on_commit_callbacks
):
    user_id = worker_on_both_sites.pk
    with django_capture_on_commit_callbacks(execute=True):
        worker_on_both_sites.delete()

    assert not User.objects.filter(pk=user_id).exists()
    for constituency in (clp_a, clp_b):
        with in_schema(constituency):
            assert _what_the_schema_holds_of(user_id, f"Leaflet drop in {constituency.name}") == {
                "page owner": None,
                "revision authors": {None},
                "image uploader": None,
                "comments": 0,
                "subscriptions": 0,
                "page still published": True,
            }
            # Wagtail's history keeps the lines, shown as by a deleted user.
            assert PageLogEntry.objects.filter(user_id=user_id).exists()
    # Cleared only once a pass finds nothing: a write in flight may still have named them.
    deleted = DeletedAccount.objects.get(user_id=user_id)
    assert deleted.references_cleared_at is None
    assert deleted_accounts.clear_references(deleted) == 0
    deleted.refresh_from_db()
    assert deleted.references_cleared_at is not None


def test_a_write_in_flight_that_names_the_deleted_user_is_cleared_by_the_next_pass(
    worker_on_both_sites, clp_a, in_schema, django_capture_on_commit_callbacks
):
    user_id = worker_on_both_sites.pk
    with django_capture_on_commit_callbacks(execute=True):
        worker_on_both_sites.delete()
    with in_schema(clp_a):  # a request of theirs that began before the deletion commits
        Page.objects.filter(title__startswith="Leaflet drop").update(locked_by_id=user_id)

    with time_machine.travel(dt.timedelta(minutes=11)):
        assert clear_waiting_deleted_accounts() == 1

    with in_schema(clp_a):
        assert not Page.objects.filter(locked_by_id=user_id).exists()
    assert DeletedAccount.objects.get(user_id=user_id).references_cleared_at is None
    with time_machine.travel(dt.timedelta(minutes=22)):
        assert clear_waiting_deleted_accounts() == 1
    assert DeletedAccount.objects.get(user_id=user_id).references_cleared_at is not None


def test_other_users_work_is_left_alone(
    worker_on_both_sites, clp_a, in_schema, django_capture_on_commit_callbacks
):
    colleague = UserFactory(email="staying@example.org")
    with in_schema(clp_a):
        _work_on_the_site(colleague, "Canvassing on Saturday")

    with django_capture_on_commit_callbacks(execute=True):
        worker_on_both_sites.delete()

    with in_schema(clp_a):
        held = _what_the_schema_holds_of(colleague.pk, "Canvassing on Saturday")
    assert held["page owner"] == colleague.pk
    assert held["revision authors"] == {colleague.pk}
    assert held["comments"] == held["subscriptions"] == 1


def test_deleting_a_user_is_a_few_queries_in_the_shared_schema(worker_on_both_sites, clp_a, clp_b):
    """The deletion itself queries only the shared schema, a fixed number of times
    however many constituencies there are; the clearing happens after it commits. (That
    PostgreSQL checks nothing in the constituencies' schemas either, having no key to
    check: tests/constituencies/test_shared_foreign_keys.py.)"""
    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        worker_on_both_sites.delete()
    _assert_no_constituency_schema_in(queries)
    # One query per shared table that refers to a user: the disputes cases' referrer
    # and their history's actors added two to the 39 before them, and the register's
    # control checker and confirming officer two more, then the submitter of a draft
    # waiting for approval and the officer who hid a national campaign two more, and
    # the staff member who asked for a personal-data export or erasure one more, and
    # wagtail-localize's last translator of a sentence or of an override two more.
    assert len(queries) <= 48


def _assert_no_constituency_schema_in(queries):
    schemas = set(deleted_accounts.constituency_schemas())
    named = [sql for sql in queries if any(schema in sql for schema in schemas)]
    assert not named, f"the deletion reached into a constituency schema: {named}"


def test_clearing_again_changes_nothing(
    worker_on_both_sites, clp_a, in_schema, django_capture_on_commit_callbacks
):
    user_id = worker_on_both_sites.pk
    with django_capture_on_commit_callbacks(execute=True):
        worker_on_both_sites.delete()
    deleted = DeletedAccount.objects.get(user_id=user_id)
    assert deleted_accounts.clear_references(deleted) == 0


def test_a_deletion_whose_task_never_ran_is_cleared_by_the_sweep(
    worker_on_both_sites, clp_a, in_schema
):
    """The broker was down when the user was deleted: the periodic sweep queues it."""
    user_id = worker_on_both_sites.pk
    worker_on_both_sites.delete()  # no commit here, so the queued task never runs
    assert clear_waiting_deleted_accounts() == 0  # too soon: its own task may be running

    with time_machine.travel(dt.timedelta(minutes=11)):
        assert clear_waiting_deleted_accounts() == 1
    with in_schema(clp_a):
        assert Page.objects.filter(owner_id=user_id).count() == 0

    with time_machine.travel(dt.timedelta(minutes=22)):
        assert clear_waiting_deleted_accounts() == 1  # the pass that finds nothing
        assert clear_waiting_deleted_accounts() == 0
    assert DeletedAccount.objects.get(user_id=user_id).references_cleared_at is not None


def test_the_references_cleared_are_wagtails_in_a_constituency():
    cleared = {
        (field.model._meta.db_table, field.column)
        for field in deleted_accounts.references_in_a_constituency()
    }
    assert ("wagtailcore_revision", "user_id") in cleared
    assert ("wagtailcore_page", "owner_id") in cleared
    assert ("wagtailcore_comment", "user_id") in cleared
    # Log entries keep the id, as Wagtail means them to (DO_NOTHING).
    assert ("wagtailcore_pagelogentry", "user_id") not in cleared
    # Shared-only tables are cleared by the deletion itself, in the shared schema.
    assert not any(table.startswith("roles_") for table, _column in cleared)


# The screen: central staff delete an account from the hub's Users admin.


def _delete_from_the_users_admin(client, user):
    return client.post(reverse("wagtailusers_users:delete", args=[user.pk]))


def test_staff_delete_an_account_from_the_hub_admin(
    staff, worker_on_both_sites, clp_a, in_schema, django_capture_on_commit_callbacks
):
    user_id = worker_on_both_sites.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = _delete_from_the_users_admin(staff, worker_on_both_sites)

    assert response.status_code == 302
    assert not User.objects.filter(pk=user_id).exists()
    with in_schema(clp_a):
        assert not Revision.objects.filter(user_id=user_id).exists()


@pytest.mark.parametrize("who", ["anonymous", "member", "officer_a", "officer_b"])
def test_nobody_but_staff_can_delete_an_account(
    who, request, worker_on_both_sites, hub, clp_a, django_capture_on_commit_callbacks
):
    users = {
        "anonymous": None,
        "member": lambda: make_member(clp_a, email="member.x@example.org"),
        "officer_a": lambda: request.getfixturevalue("officer_a"),
        "officer_b": lambda: request.getfixturevalue("officer_b"),
    }
    user = users[who]() if users[who] else None
    with django_capture_on_commit_callbacks(execute=True):
        response = _delete_from_the_users_admin(client_for("localhost", user), worker_on_both_sites)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/login" in response["Location"] or "/accounts/" in response["Location"]
    assert User.objects.filter(pk=worker_on_both_sites.pk).exists()
    assert not DeletedAccount.objects.filter(user_id=worker_on_both_sites.pk).exists()


def test_an_officer_cannot_delete_an_account_from_their_sites_admin(
    officer_a, worker_on_both_sites, clp_a, django_capture_on_commit_callbacks
):
    response = _delete_from_the_users_admin(client_for(clp_a, officer_a), worker_on_both_sites)
    assert response.status_code in (302, 403, 404)
    assert User.objects.filter(pk=worker_on_both_sites.pk).exists()


def test_deleting_an_account_that_is_already_gone_is_a_404(staff, db):
    recorded = DeletedAccount.objects.count()
    response = staff.post(reverse("wagtailusers_users:delete", args=[987654]))
    assert response.status_code == 404
    assert DeletedAccount.objects.count() == recorded
