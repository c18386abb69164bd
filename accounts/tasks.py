from allauth.account.models import EmailAddress
from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django_tenants.utils import get_public_schema_name, schema_context

from outbox.queueing import queue_email


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
