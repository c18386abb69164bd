from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django import forms
from django.urls import reverse

from labourhub.celery import enqueue_after_commit

from . import sign_in_throttle
from .tasks import send_failed_sign_ins_notice

EMAIL_MAX_LENGTH = EmailAddress._meta.get_field("email").max_length


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are for party members: sign-up is open, but its form only accepts a
    membership number with the email address on that member record (see
    accounts.forms.MemberSignupForm). Officers and staff are members or are made by
    central staff."""

    def clean_email(self, email: str) -> str:
        """Every address typed into an account form (sign-up, adding an address) must fit
        the column it is kept in: a form field allows 320 characters, the column 254."""
        if len(email) > EMAIL_MAX_LENGTH:
            raise forms.ValidationError(
                f"An email address can be at most {EMAIL_MAX_LENGTH} characters long."
            )
        return super().clean_email(email)

    def confirm_email(self, request, email_address) -> bool:
        """Someone showed an address is theirs: an account made by signing up becomes
        its member record's now (see membersnet.members.joining)."""
        from membersnet.members.joining import link_confirmed_email

        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            link_confirmed_email(email_address.user, email_address.email)
        return confirmed

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
