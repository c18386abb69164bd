from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django import forms
from django.urls import reverse

from labourhub.celery import enqueue_after_commit

from . import sign_in_throttle
from .tasks import send_failed_sign_ins_notice

EMAIL_MAX_LENGTH = EmailAddress._meta.get_field("email").max_length


class AccountAdapter(DefaultAccountAdapter):
    """What every account needs, whoever holds it: addresses that fit their column and
    sign-in limits no attacker can turn against the holder. Membersnet extends it
    (membersnet.members.account_adapter) with what membership adds."""

    def clean_email(self, email: str) -> str:
        """Every address typed into an account form (sign-up, adding an address) must fit
        the column it is kept in: a form field allows 320 characters, the column 254."""
        if len(email) > EMAIL_MAX_LENGTH:
            raise forms.ValidationError(
                f"An email address can be at most {EMAIL_MAX_LENGTH} characters long."
            )
        return super().clean_email(email)

    def pre_authenticate(self, request, **credentials):
        """Instead of allauth's limit on failed sign-ins per email address, which anyone
        could use to lock a person out, accounts.sign_in_throttle's limits."""
        try:
            sign_in_throttle.check(sign_in_throttle.Attempt.from_request(request, credentials))
        except sign_in_throttle.SignInRefused as refused:
            raise forms.ValidationError(refused.message, code="too_many_login_attempts") from None

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            sign_in_throttle.record_success(
                sign_in_throttle.Attempt.from_request(request, credentials)
            )
        return user

    def authentication_failed(self, request, **credentials):
        attempt = sign_in_throttle.Attempt.from_request(request, credentials)
        if sign_in_throttle.record_failure(attempt) and attempt.login:
            # The link is to the site the sign-in was tried on: the tenant middleware
            # serves only the platform's own domains.
            enqueue_after_commit(
                send_failed_sign_ins_notice,
                attempt.login,
                request.build_absolute_uri(reverse("account_reset_password")),
            )
