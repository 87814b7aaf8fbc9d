from allauth.account.adapter import get_adapter
from allauth.account.forms import LoginForm, SignupForm
from allauth.core import context
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.models import Authenticator
from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserChangeForm
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.models import Perspectief, User
from core.forms import NormalisedEmailField

LOOPBACK = {"127.0.0.1", "::1"}


class InlogForm(LoginForm):
    """allauth's login, with the address in the app's one form (core.text.normalise_email)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["login"]
        self.fields["login"] = NormalisedEmailField(label=veld.label, widget=veld.widget)


class AanmeldForm(SignupForm):
    """Sign-up is closed: only an address on a partner organisation's e-mail domain, or the
    address of an invitation from the coordinator."""

    def clean_email(self):
        email = super().clean_email()
        adapter = get_adapter()
        if adapter.mag_aanmelden(email):
            return email
        # Asked once: an invitation used by a sign-up in another window stays used.
        if adapter.uitnodiging_gebruikt():
            raise forms.ValidationError(
                _(
                    "Deze uitnodiging is al gebruikt of verlopen. Heeft u zich net aangemeld? "
                    "Kijk dan in uw e-mail. Anders: vraag de coördinator om een nieuwe."
                )
            )
        raise forms.ValidationError(
            _(
                "Aanmelden kan alleen met een e-mailadres van een partnerorganisatie, of met "
                "een uitnodiging van de coördinator. Vraag de coördinator om een uitnodiging."
            )
        )

    def try_save(self, request):
        """Two sign-ups with the same address at the same moment (the same invitation link in
        several windows): the database lets one account through, and the other is answered as
        allauth answers an address that has an account already, without telling which."""
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            self.account_already_exists = True
            return super().try_save(request)


class DemoCodeMixin:
    """Locally, the demo code (settings.GG_DEMO_TOTP_CODE, with debug on only) stands in for
    the authenticator code, and only for a request from this machine itself."""

    def clean_code(self):
        code = self.cleaned_data.get("code", "")
        request = context.request
        if (
            settings.DEBUG
            and settings.GG_DEMO_TOTP_CODE
            and code == settings.GG_DEMO_TOTP_CODE
            and request is not None
            and request.META.get("REMOTE_ADDR") in LOOPBACK
        ):
            self.authenticator = Authenticator.objects.filter(
                user=self.user, type=Authenticator.Type.TOTP
            ).first()
            if self.authenticator is not None:
                return code
        return super().clean_code()


class TweedeStapForm(DemoCodeMixin, mfa_forms.AuthenticateForm):
    pass


class TweedeStapOpnieuwForm(DemoCodeMixin, mfa_forms.ReauthenticateForm):
    pass


class UitnodigingForm(forms.Form):
    email = NormalisedEmailField(
        label=_("E-mailadres"),
        help_text=_("De uitnodiging gaat naar dit adres; de link werkt één keer, 14 dagen lang."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(_("Er is al een account met dit e-mailadres."))
        return email


class AccountForm(UserChangeForm):
    """An account in the admin. Nobody switches their own account off there: a coordinator
    would lock themselves out."""

    door = None  # set by the admin

    def clean_is_active(self):
        actief = self.cleaned_data.get("is_active")
        if not actief and self.door is not None and self.instance.pk == self.door.pk:
            raise forms.ValidationError(_("U kunt uw eigen account niet uitzetten."))
        return actief


class RolForm(forms.Form):
    """One account's app role, given by the Coördinator on the page Rollen."""

    account = forms.ModelChoiceField(queryset=User.objects.none(), widget=forms.HiddenInput)
    rol = forms.ChoiceField(label=_("Rol"), choices=[(rol, rol) for rol in roles.ROLES])
    perspectief = forms.ChoiceField(
        label=_("Perspectief"),
        choices=[("", _("geen"))] + list(Perspectief.choices),
        required=False,
    )

    def __init__(self, *args, door, **kwargs):
        super().__init__(*args, **kwargs)
        self.door = door
        self.fields["account"].queryset = User.objects.filter(is_superuser=False)

    def clean(self):
        data = super().clean()
        if data.get("account") == self.door:
            raise forms.ValidationError(
                _("Uw eigen rol wijzigt u niet zelf: vraag een andere coördinator of de beheerder.")
            )
        if data.get("rol") != roles.STUURGROEP:
            data["perspectief"] = ""  # only a stuurgroep member scores from a perspective
        return data


class MeldingenForm(forms.ModelForm):
    """On 'Mijn account': the language of one's e-mails, and the optional messages."""

    class Meta:
        model = User
        fields = ["taal", "mail_herinneringen", "mail_vastgesteld"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance
        if not user.is_stuurgroep:
            del self.fields["mail_herinneringen"]  # only the stuurgroep gets deadline reminders
        if not (user.is_stuurgroep or user.is_coordinator):
            del self.fields["mail_vastgesteld"]
