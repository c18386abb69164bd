"""The weekly digest of what is new on Membersnet, and stopping it."""

import pytest
from celery.exceptions import Retry
from django.core import mail

from membersnet.members import digest
from membersnet.members import tasks as members_tasks
from membersnet.members.models import Member
from membersnet.training.models import Course
from tests.factories import (
    make_member,
)

from .shared import hub


@pytest.fixture
def something_new(db):
    return Course.objects.create(title="A new course", slug="a-new", summary="…", is_published=True)


def test_members_get_a_weekly_digest_of_what_is_new(member_user, something_new, run_task):
    run_task(members_tasks.send_weekly_digests)
    (message,) = mail.outbox
    assert message.to == [member_user.email]
    assert "Course: A new course" in message.body
    assert "http://localhost/membersnet/training/a-new/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/membersnet/account/digest/stop/" in message.extra_headers["List-Unsubscribe"]
    run_task(members_tasks.send_weekly_digests)
    assert len(mail.outbox) == 1  # not twice in a week


def test_members_who_switched_the_digest_off_get_none(member_user, something_new, run_task):
    response = hub(member_user).post("/membersnet/account/", {})  # the box left unticked
    assert response.status_code == 302
    member_user.member.refresh_from_db()
    assert member_user.member.digest_opt_in is False
    run_task(members_tasks.send_weekly_digests)
    assert mail.outbox == []


def test_lapsed_members_get_no_digest(lapsed_member, something_new, run_task):
    run_task(members_tasks.send_weekly_digests)
    assert mail.outbox == []


def test_nothing_new_means_no_email(member_user, run_task):
    Course.objects.all().delete()
    run_task(members_tasks.send_weekly_digests)
    assert mail.outbox == []
    member_user.member.refresh_from_db()
    assert member_user.member.last_digest_at is not None


def test_the_link_in_the_digest_stops_it_without_signing_in(member_user):
    path = f"/membersnet/account/digest/stop/{digest.unsubscribe_token(member_user.member)}/"
    assert "Stop the weekly digest" in hub().get(path).content.decode()
    response = hub().post(path)  # also what a mail client's one-click unsubscribe sends
    assert "we won't send you the weekly digest" in response.content.decode()
    member_user.member.refresh_from_db()
    assert member_user.member.digest_opt_in is False
    assert hub().get("/membersnet/account/digest/stop/forged/").status_code == 400


@pytest.fixture
def three_members(clp_a, something_new):
    return [make_member(clp_a, email=f"reader{n}@example.org") for n in (1, 2, 3)]


def _digests_to(email):
    return [m for m in mail.outbox if m.to == [email] and m.subject.startswith("What's new")]


def test_one_members_failing_digest_does_not_stop_the_others(three_members, monkeypatch, run_task):
    refused = {"reader2@example.org"}
    real_digest_email = digest.digest_email

    def digest_email(member, items):
        if member.email in refused:
            raise OSError("550 mailbox unavailable")
        return real_digest_email(member, items)

    monkeypatch.setattr(digest, "digest_email", digest_email)
    ids = [user.member.pk for user in three_members]
    failed = Member.objects.get(email="reader2@example.org")
    with pytest.raises(Retry) as retry:
        run_task(members_tasks.send_digest_batch, ids)
    assert retry.value.sig.args == ([failed.pk],)  # retried later, for that member only
    assert len(_digests_to("reader1@example.org")) == len(_digests_to("reader3@example.org")) == 1
    assert _digests_to("reader2@example.org") == []
    failed.refresh_from_db()
    assert failed.last_digest_at is None  # left due, for the retry

    refused.clear()
    assert run_task(members_tasks.send_digest_batch, *retry.value.sig.args) == 1
    assert run_task(members_tasks.send_digest_batch, ids) == 0  # the batch again, redelivered
    for user in three_members:
        assert len(_digests_to(user.email)) == 1


def test_a_batch_sent_twice_emails_nobody_twice(three_members, run_task):
    ids = [user.member.pk for user in three_members]
    assert run_task(members_tasks.send_digest_batch, ids) == 3
    assert run_task(members_tasks.send_digest_batch, ids) == 0
    assert len(mail.outbox) == 3
