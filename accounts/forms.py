from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class AanmeldForm(SignupForm):
    """Sign-up is closed: only an address on a partner organisation's e-mail domain, or the
    address of an invitation from the coordinator."""

    def clean_email(self):
        email = super().clean_email()
        if not get_adapter().mag_aanmelden(email):
            raise forms.ValidationError(
                _(
                    "Aanmelden kan alleen met een e-mailadres van een partnerorganisatie, of met "
                    "een uitnodiging van de coördinator. Vraag de coördinator om een uitnodiging."
                )
            )
        return email


class UitnodigingForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("De uitnodiging gaat naar dit adres; de link werkt één keer, 14 dagen lang."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Er is al een account met dit e-mailadres."))
        return email
