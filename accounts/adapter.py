from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are for party members: sign-up is open, but its form only accepts a
    membership number with the email address on that member record (see
    accounts.forms.MemberSignupForm). Officers and staff are members or are made by
    central staff."""
