from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django import forms

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
