from allauth.account.models import EmailAddress
from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import DatabaseError, transaction
from django.template.loader import render_to_string
from django_tenants.utils import get_public_schema_name, schema_context

from outbox.queueing import queue_email

from . import deleted_accounts
from .models import DeletedAccount


@shared_task
def send_failed_sign_ins_notice(login: str, reset_url: str) -> str:
    """Tell an account's holder that someone keeps failing to sign in to it. Queued for
    any address typed on the sign-in form (looking the account up here, not in the
    request, tells an attacker nothing by timing); the email goes through the hub's
    outbox, whichever site the sign-in was tried on."""
    address = EmailAddress.objects.filter(email__iexact=login).select_related("user").first()
    user = address.user if address else get_user_model().objects.filter(email__iexact=login).first()
    if user is None or not user.is_active:
        return "no such account"
    notice = EmailMessage(
        subject="Failed attempts to sign in to your account",
        body=render_to_string(
            "account/email/failed_sign_ins.txt", {"user": user, "reset_url": reset_url}
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    with schema_context(get_public_schema_name()), transaction.atomic():
        queue_email(notice, about="accounts.failed_sign_ins")
    return "queued"


@shared_task(bind=True, max_retries=5)
def clear_deleted_account_references(self, deleted_account_id: int) -> int:
    """Clear a deleted user's id from every constituency (accounts.deleted_accounts);
    returns in how many schemas there was some."""
    deleted = DeletedAccount.objects.filter(pk=deleted_account_id).first()
    if deleted is None:
        return 0
    try:
        return deleted_accounts.clear_references(deleted)
    except DatabaseError as error:
        raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from error


@shared_task
def clear_waiting_deleted_accounts() -> int:
    """Queue again the deletions whose references are not cleared yet; returns how many.
    Clearing twice does no harm."""
    ids = deleted_accounts.uncleared_ids()
    for deleted_account_id in ids:
        clear_deleted_account_references.delay(deleted_account_id)
    return len(ids)
