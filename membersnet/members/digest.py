"""The weekly digest: what is new on Membersnet, for members who have not switched it
off. Each member's digest covers what is new since their last one."""

import datetime as dt
import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from constituencies.public_urls import public_url
from outbox.queueing import queue_email

from .models import Member
from .whats_new import whats_new

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "membersnet.digest.unsubscribe"
BATCH_SIZE = 500
DIGEST_ITEMS = 12


def unsubscribe_token(member: Member) -> str:
    return signing.dumps(member.pk, salt=UNSUBSCRIBE_SALT)


def member_for_unsubscribe(token: str) -> Member | None:
    try:
        member_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Member.objects.filter(pk=member_id).first()


def stop_digest(member: Member) -> None:
    Member.objects.filter(pk=member.pk).update(digest_opt_in=False)


def due_for_digest(now=None):
    now = now or timezone.now()
    return Member.objects.active().filter(
        Q(last_digest_at__isnull=True) | Q(last_digest_at__lt=now - dt.timedelta(days=6)),
        digest_opt_in=True,
        user__isnull=False,
    )


def digest_email(member: Member, items) -> EmailMessage:
    hub = settings.HUB_DOMAINS[0]
    unsubscribe = public_url(hub, f"/membersnet/account/digest/stop/{unsubscribe_token(member)}/")
    message = EmailMessage(
        subject=f"What's new on Membersnet this week ({len(items)})",
        body=render_to_string(
            "membersnet/email/digest.txt",
            {
                "member": member,
                "items": [(item, public_url(hub, item.url)) for item in items],
                "unsubscribe_url": unsubscribe,
                "account_url": public_url(hub, "/membersnet/account/"),
            },
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message


def due_member_batches(now=None) -> list[list[int]]:
    """The members due a digest, as lists of ids of at most BATCH_SIZE."""
    ids = list(due_for_digest(now).values_list("pk", flat=True))
    return [ids[start : start + BATCH_SIZE] for start in range(0, len(ids), BATCH_SIZE)]


def send_digests(member_ids: list[int]) -> tuple[int, list[int]]:
    """Email each of these members their digest (if it is due and anything is new for
    them). Returns how many were sent, and the members whose digest failed: one member's
    failure (a refused address, a broken item) is logged and does not stop the others."""
    now = timezone.now()
    sent = 0
    failed = []
    for member in due_for_digest(now).filter(pk__in=member_ids):
        try:
            sent += send_digest(member, now)
        except Exception:
            logger.exception("the weekly digest for member %s failed", member.pk)
            failed.append(member.pk)
    return sent, failed


def send_digest(member: Member, now) -> bool:
    """Queue one member this week's digest if it is due and anything is new; returns
    whether an email was queued. The mark and the email (in the outbox) commit together,
    so a retried or repeated batch never queues the same week's digest twice, and a
    failure queues nothing and leaves the member due."""
    previous = member.last_digest_at
    with transaction.atomic():
        if not due_for_digest(now).filter(pk=member.pk).update(last_digest_at=now):
            return False  # another run has just sent it
        items = whats_new(previous or now - dt.timedelta(days=7), limit=DIGEST_ITEMS)
        if items:
            queue_email(digest_email(member, items), about="membersnet.digest")
    return bool(items)
