import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from experts.models import Expert, Gemeente, Organisatie
from gezondgewicht.forms import ModelKeuzesVeld, ModelKeuzeVeld
from inspanningen.models import Betrokkenheid

TELEFOON = re.compile(r"^[0-9+()\- ]{6,40}$")
TOELICHTING_MAX = 3000


class ExpertForm(forms.ModelForm):
    """A profile, as its owner or the coordinator edits it."""

    heel_drenthe = forms.BooleanField(
        label=_("Heel Drenthe"),
        required=False,
        help_text=_("Werkt u in alle twaalf gemeenten? Dan hoeft u ze niet apart aan te vinken."),
    )

    class Meta:
        model = Expert
        fields = [
            "naam",
            "email",
            "telefoon",
            "organisatie",
            "functie",
            "beroepsgroep",
            "expertisegebieden",
            "domeinen",
            "werkgebied",
            "beschikbaar_voor",
            "toelichting",
            "zichtbaarheid",
        ]
        field_classes = {
            "organisatie": ModelKeuzeVeld,
            "expertisegebieden": ModelKeuzesVeld,
            "domeinen": ModelKeuzesVeld,
            "werkgebied": ModelKeuzesVeld,
        }
        widgets = {
            "zichtbaarheid": forms.RadioSelect,
            "expertisegebieden": forms.CheckboxSelectMultiple,
            "domeinen": forms.CheckboxSelectMultiple,
            "werkgebied": forms.CheckboxSelectMultiple,
            "toelichting": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "zichtbaarheid": _(
                "Openbaar betekent: naam, functie, organisatie en expertise zijn ook zonder "
                "inloggen te zien. Uw contactgegevens nooit. U kunt dit altijd terugdraaien."
            ),
            "organisatie": _("Staat uw organisatie er niet bij? Vraag de coördinator."),
            "toelichting": _(
                "Waar kunnen collega's u voor benaderen? Noem projecten, doelgroepen en werkwijzen."
            ),
        }

    def __init__(self, *args, email_wijzigbaar: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([*self.Meta.fields[:8], "heel_drenthe"])
        self.fields["organisatie"].queryset = Organisatie.objects.order_by("naam")
        self.fields["toelichting"].max_length = TOELICHTING_MAX
        self.fields["toelichting"].widget.attrs["maxlength"] = TOELICHTING_MAX
        if not email_wijzigbaar:
            # The e-mail address is the key that links profile and account; only the
            # coordinator changes it.
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _("Alleen de coördinator kan dit wijzigen.")
        self.alle_gemeenten = list(Gemeente.objects.all())
        self.fields["werkgebied"].queryset = Gemeente.objects.order_by("naam")
        if self.instance.pk:
            gekozen = {g.pk for g in self.instance.werkgebied.all()}
            self.initial["heel_drenthe"] = bool(gekozen) and gekozen == {
                g.pk for g in self.alle_gemeenten
            }

    def clean_telefoon(self):
        telefoon = self.cleaned_data["telefoon"].strip()
        if telefoon and not TELEFOON.match(telefoon):
            raise forms.ValidationError(
                _("Gebruik alleen cijfers, spaties, +, - en haakjes, bijvoorbeeld 0592 123 456.")
            )
        return telefoon

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        andere = Expert.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if andere.exists():
            raise forms.ValidationError(_("Er is al een expert met dit e-mailadres."))
        return email

    def clean(self):
        data = super().clean()
        if data.get("heel_drenthe"):
            data["werkgebied"] = self.alle_gemeenten
        return data


class VertrekForm(forms.Form):
    """An expert leaves: when, and who succeeds them."""

    vertrokken_op = forms.DateField(
        label=_("Vertrokken op"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("De laatste werkdag, of vandaag."),
    )
    opvolger = ModelKeuzeVeld(
        label=_("Opvolger"),
        queryset=Expert.objects.none(),
        required=False,
        help_text=_(
            "Wie neemt het werk over? Deze persoon staat op het profiel van de vertrekker. "
            "Per rol hieronder kunt u een ander kiezen."
        ),
    )

    def __init__(self, *args, expert: Expert, kandidaten, **kwargs):
        super().__init__(*args, **kwargs)
        self.expert = expert
        self.fields["opvolger"].queryset = kandidaten
        self.fields["opvolger"].label_from_instance = _opvolger_label

    def clean_vertrokken_op(self):
        datum = self.cleaned_data["vertrokken_op"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("Kies vandaag of een datum in het verleden."))
        return datum


def _opvolger_label(expert: Expert) -> str:
    return f"{expert.naam} ({expert.organisatie.naam})" if expert.organisatie else expert.naam


class RolOverdrachtForm(forms.Form):
    """One of the leaver's roles: who takes it over, and what they need to know."""

    betrokkenheid = forms.IntegerField(widget=forms.HiddenInput)
    opvolger = ModelKeuzeVeld(
        label=_("Opvolger voor deze rol"),
        queryset=Expert.objects.none(),
        required=False,
        help_text=_("Leeg laten voor de opvolger hierboven."),
    )
    notitie = forms.CharField(
        label=_("Overdrachtsnotitie"),
        required=False,
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Lopende afspraken, contacten, waar de stukken staan."),
    )

    def __init__(self, *args, kandidaten=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opvolger"].queryset = kandidaten
        self.fields["opvolger"].label_from_instance = _opvolger_label


class BaseRolOverdrachtFormSet(forms.BaseFormSet):
    def __init__(self, *args, rollen: list[Betrokkenheid], kandidaten, **kwargs):
        self.rollen = {r.pk: r for r in rollen}
        kwargs.setdefault("initial", [{"betrokkenheid": r.pk} for r in rollen])
        kwargs["form_kwargs"] = {"kandidaten": kandidaten}
        super().__init__(*args, **kwargs)
        for form, rol in zip(self.forms, rollen, strict=False):
            form.rol = rol
            form.context_label = f"{rol.get_rol_display()}, {rol.inspanning}"

    def clean(self):
        if any(self.errors):
            return
        gezien = {f.cleaned_data.get("betrokkenheid") for f in self.forms}
        if gezien != set(self.rollen):
            raise forms.ValidationError(
                _("De rollen in het formulier kloppen niet meer. Laad de pagina opnieuw."),
                code="tampered",
            )


RolOverdrachtFormSet = forms.formset_factory(
    RolOverdrachtForm, formset=BaseRolOverdrachtFormSet, extra=0, max_num=200, absolute_max=200
)
