from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are for party members: sign-up is open, but its form only accepts a
    membership number with the email address on that member record (see
    accounts.forms.MemberSignupForm). Officers and staff are members or are made by
    central staff."""

    def confirm_email(self, request, email_address) -> bool:
        """Someone showed an address is theirs: an account made by signing up becomes
        its member record's now (see membersnet.members.joining)."""
        from membersnet.members.joining import link_confirmed_email

        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            link_confirmed_email(email_address.user, email_address.email)
        return confirmed
