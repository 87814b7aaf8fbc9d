from django import forms
from django.utils.translation import gettext_lazy as _

from experts.models import PROFIELVELDEN, Expert, Gemeente, Organisatie


class ExpertForm(forms.ModelForm):
    """A profile, as its owner or the coordinator edits it, and as the CSV import reads each
    row. Its rules (formats, limits, the unique e-mail address) live on the model."""

    heel_drenthe = forms.BooleanField(
        label=_("Heel Drenthe"),
        required=False,
        help_text=_("Werkt u in alle twaalf gemeenten? Dan hoeft u ze niet apart aan te vinken."),
    )

    class Meta:
        model = Expert
        fields = PROFIELVELDEN
        widgets = {
            "zichtbaarheid": forms.RadioSelect,
            "expertisegebieden": forms.CheckboxSelectMultiple,
            "domeinen": forms.CheckboxSelectMultiple,
            "werkgebied": forms.CheckboxSelectMultiple,
            "toelichting": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, email_wijzigbaar: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([*PROFIELVELDEN[: PROFIELVELDEN.index("werkgebied") + 1], "heel_drenthe"])
        self.fields["organisatie"].queryset = Organisatie.objects.order_by("naam")
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

    def clean(self):
        data = super().clean()
        if data.get("heel_drenthe"):
            data["werkgebied"] = self.alle_gemeenten
        return data
