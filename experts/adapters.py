from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import Uitnodiging
from experts.models import Organisatie


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is closed: only with an e-mail address on a partner organisation's domain, or
    with an invitation from the coordinator. New accounts join Professional.

    It lives here, not in accounts, because the partner organisations and their e-mail domains
    are part of Wie weet wat."""

    def mag_aanmelden(self, email: str) -> bool:
        """Checked by the sign-up form (accounts.forms.AanmeldForm)."""
        return Organisatie.is_partnerdomein(email) or self._uitnodiging(email) is not None

    def _uitnodiging(self, email: str):
        request = self.request
        token = request.session.get(Uitnodiging.SESSIE) if request is not None else None
        uitnodiging = Uitnodiging.geldig(token) if token else None
        if uitnodiging and uitnodiging.email == email.strip().lower():
            return uitnodiging
        return None

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
