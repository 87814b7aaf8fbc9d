from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import Uitnodiging
from core.text import normalise_email


class AccountAdapter(DefaultAccountAdapter):
    """Accounts as this app keeps them: every address in one normalised form, failed logins
    counted per account and client, new accounts Professional, and sign-up closed except with
    an invitation from the coordinator (experts.adapters adds the partner organisations)."""

    def mag_aanmelden(self, email: str) -> bool:
        """Checked by the sign-up form (accounts.forms.AanmeldForm)."""
        return self._uitnodiging(email) is not None

    def uitnodiging_gebruikt(self) -> bool:
        """Whether this visitor came with an invitation link that has been used or has expired
        since (for instance by their own sign-up in another window)."""
        token = self.request.session.get(Uitnodiging.SESSIE) if self.request else None
        return bool(token) and Uitnodiging.geldig(token) is None

    def _uitnodiging(self, email: str):
        request = self.request
        token = request.session.get(Uitnodiging.SESSIE) if request is not None else None
        uitnodiging = Uitnodiging.geldig(token) if token else None
        if uitnodiging and uitnodiging.email == normalise_email(email):
            return uitnodiging
        return None

    def clean_email(self, email: str) -> str:
        """Every address allauth takes in (sign-up, an added address) in the app's one form."""
        return normalise_email(super().clean_email(email))

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """allauth limits failed logins per client address and per this key. The key is the
        account *and* the client: failures from one client never lock the right password out
        on another (settings.ACCOUNT_RATE_LIMITS)."""
        sleutel = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{sleutel}:{self.get_client_ip(request)}"

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user.groups.add(Group.objects.get(name=roles.PROFESSIONAL))
            uitnodiging = self._uitnodiging(user.email)
            if uitnodiging:
                uitnodiging.gebruikt_op = timezone.now()
                uitnodiging.save(update_fields=["gebruikt_op"])
                request.session.pop(Uitnodiging.SESSIE, None)
        return user
