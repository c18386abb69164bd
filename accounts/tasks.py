from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from labourhub.celery import app


@app.task(autoretry_for=(OSError,), retry_backoff=30, max_retries=8)
def send_failed_sign_ins_notice(login: str, reset_url: str) -> str:
    """Tell an account's holder that someone keeps failing to sign in to it. Queued for
    any address typed on the sign-in form; sends only if an account has that address."""
    address = EmailAddress.objects.filter(email__iexact=login).select_related("user").first()
    user = address.user if address else get_user_model().objects.filter(email__iexact=login).first()
    if user is None or not user.is_active:
        return "no such account"
    EmailMessage(
        subject="Failed attempts to sign in to your account",
        body=render_to_string(
            "account/email/failed_sign_ins.txt", {"user": user, "reset_url": reset_url}
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    ).send()
    return "sent"
