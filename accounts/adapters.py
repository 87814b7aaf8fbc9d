from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """There is no open registration: accounts are made by the coordinator."""

    def is_open_for_signup(self, request):
        return False
