from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by central staff and the member import, never by
    open sign-up: the platform speaks for the party, so every login is a known person."""

    def is_open_for_signup(self, request):
        return False
