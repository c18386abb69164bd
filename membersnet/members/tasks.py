"""Membersnet's background work: invitations and welcomes, member imports and the weekly
digest. Each task is a thin wrapper round the operation it runs."""

import logging

from celery import shared_task

from labourhub.celery import EMAIL_RETRY

from . import digest, importing, joining

logger = logging.getLogger(__name__)


@shared_task(**EMAIL_RETRY)
def send_invitation(member_id: int) -> str:
    return joining.email_invitation(member_id)


@shared_task(**EMAIL_RETRY)
def send_welcome_email(member_id: int) -> str:
    return joining.email_welcome(member_id)


@shared_task(bind=True)
def run_member_import(self, import_id: int) -> str:
    return importing.run_import(import_id, self.request.id)


@shared_task
def queue_waiting_imports() -> int:
    """Queue again the imports never started. A second message for an import that does
    start is ignored."""
    ids = importing.waiting_import_ids()
    for import_id in ids:
        run_member_import.delay(import_id)
    return len(ids)


@shared_task
def send_weekly_digests() -> int:
    """Queue the digest for every member due one, in batches. Returns how many."""
    batches = digest.due_member_batches()
    for member_ids in batches:
        send_digest_batch.delay(member_ids)
    return sum(len(member_ids) for member_ids in batches)


@shared_task(bind=True, max_retries=5)
def send_digest_batch(self, member_ids: list[int]) -> int:
    """Email each member their digest; returns how many were sent. The members whose
    digest failed are tried again later, on their own."""
    sent, failed = digest.send_digests(member_ids)
    if failed:
        if self.request.retries < self.max_retries:
            raise self.retry(args=[failed], countdown=60 * 2**self.request.retries)
        logger.error("gave up sending the weekly digest to %d members: %s", len(failed), failed)
    return sent
