"""The account adapter (ACCOUNT_ADAPTER): accounts are for party members. Sign-up is
open, but its form (forms.MemberSignupForm) only accepts a membership number with the
email address on that member record; officers and staff are members or are made by
central staff."""

from accounts.adapter import AccountAdapter

from .joining import link_confirmed_email


class MemberAccountAdapter(AccountAdapter):
    def confirm_email(self, request, email_address) -> bool:
        """Someone showed an address is theirs: an account made by signing up becomes
        its member record's now (see joining.link_confirmed_email)."""
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            link_confirmed_email(email_address.user, email_address.email)
        return confirmed
