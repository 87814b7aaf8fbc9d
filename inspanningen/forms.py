from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import roles
from core.exceptions import ActionRefused
from core.forms import DatumVeld, FormSet
from experts.models import Expert
from inspanningen.models import (
    JAAR_MAX,
    JAAR_MIN,
    OVERDRACHT_MAX,
    REDEN_MAX,
    TOELICHTING_MAX,
    Betrokkenheid,
    Inspanning,
    Niveau,
    Ronde,
)
from inspanningen.services import controleer_deadline

# The levels in a cell's choice list: the symbol and a short label, so that the five cells of
# an inspanning fit side by side; the full label shows everywhere else.
NIVEAUS_KORT = [
    (Niveau.STERK, _("● sterk aanwezig")),
    (Niveau.DEELS, _("◐ deels of indirect")),
    (Niveau.NAUWELIJKS, _("○ (nog) nauwelijks")),
    (Niveau.ONBEKEND, _("– nog niet bekend")),
]


class ScoreForm(forms.Form):
    """One cell of the matrix: level, toelichting, and 'confirmed unchanged'."""

    score_id = forms.IntegerField(widget=forms.HiddenInput)
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    niveau = forms.ChoiceField(label=_("Niveau"), choices=NIVEAUS_KORT)
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    bevestigd = forms.BooleanField(label=_("Beoordeeld: klopt nog"), required=False)
    # Set when someone else saved this cell after the user loaded it: then the user must choose.
    conflict = forms.BooleanField(required=False, widget=forms.HiddenInput)
    keuze = forms.ChoiceField(
        label=_("Welke versie bewaart u?"),
        required=False,  # required where the cell is a conflict (__init__)
        error_messages={
            "required": _("Kies welke versie u bewaart: die van u of de opgeslagen versie.")
        },
        choices=[
            ("mijn", _("Mijn versie: sla op wat ik heb ingevuld")),
            ("hun", _("De opgeslagen versie: laat de cel zoals de ander haar opsloeg")),
        ],
        widget=forms.RadioSelect,
    )

    def clean_toelichting(self):
        return self.cleaned_data["toelichting"].replace("\r\n", "\n").strip()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        conflict = self["conflict"]
        self.fields["keuze"].required = bool(conflict.field.clean(conflict.value()))


class BaseScoreFormSet(FormSet):
    """The cells of one round. Ids and versions come from hidden fields, so they are checked
    against the round: a cell of another round, or a version from the future, is refused."""

    def __init__(self, *args, scores, **kwargs):
        self.scores = scores
        super().__init__(*args, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            score = self.scores.get(form.cleaned_data.get("score_id"))
            if score is None or score.pk in seen:
                raise forms.ValidationError(
                    _(
                        "De gegevens van het formulier kloppen niet (onbekende cel). Laad de pagina opnieuw."
                    ),
                    code="tampered",
                )
            seen.add(score.pk)
            if form.cleaned_data["versie"] > score.versie:
                raise forms.ValidationError(
                    _("De versie van cel %(cel)s klopt niet. Laad de pagina opnieuw.")
                    % {"cel": f"{score.inspanning.nummer}×{score.aanbeveling.nummer}"},
                    code="tampered",
                )


ScoreFormSet = forms.formset_factory(
    ScoreForm, formset=BaseScoreFormSet, extra=0, max_num=2000, absolute_max=2000, validate_max=True
)


class DeadlineField(DatumVeld):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Deadline"))
        kwargs.setdefault(
            "help_text",
            _(
                "De datum waarop de stuurgroep klaar moet zijn. Een week ervoor krijgen de leden "
                "een herinnering."
            ),
        )
        super().__init__(required=False, **kwargs)


def _deadline(deadline, huidige=None):
    """services.controleer_deadline's rule, as a form error."""
    try:
        controleer_deadline(deadline, huidige)
    except ActionRefused as exc:
        raise forms.ValidationError(str(exc)) from None
    return deadline


class NieuweRondeForm(forms.Form):
    """The year, title and deadline of a new round; whether it may be started (a year that is
    free, in range, and no unfinished round unless confirmed) services.nieuwe_ronde decides,
    for the page and the command alike."""

    jaar = forms.IntegerField(label=_("Jaar"), min_value=JAAR_MIN, max_value=JAAR_MAX)
    titel = forms.CharField(
        label=_("Titel"),
        required=False,
        max_length=200,
        help_text=_("Leeg laten voor 'Herbeoordeling <jaar>'."),
    )
    deadline = DeadlineField()
    werkwijze = forms.ChoiceField(
        label=_("Werkwijze"),
        choices=Ronde.Werkwijze.choices,
        initial=Ronde.Werkwijze.DIRECT,
        widget=forms.RadioSelect,
    )
    weergave = forms.ChoiceField(
        label=_("Namen bij individuele scores (alleen bij samen beoordelen)"),
        choices=Ronde.Weergave.choices,
        initial=Ronde.Weergave.ANONIEM,
        widget=forms.RadioSelect,
        help_text=_("Een anonieme ronde kan later niet meer open worden; andersom wel."),
    )
    # The unfinished round the coordinator confirmed starting a new round beside.
    ondanks = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not {"werkwijze", "weergave"} <= set(data):
            # A request without the choice (the command, an older page) gets the defaults.
            data = data.copy()
            data.setdefault("werkwijze", Ronde.Werkwijze.DIRECT)
            data.setdefault("weergave", Ronde.Weergave.ANONIEM)
        super().__init__(data, *args, **kwargs)
        laatste = Ronde.objects.order_by("-jaar").values_list("jaar", flat=True).first()
        self.fields["jaar"].initial = (laatste or timezone.localdate().year - 1) + 1

    def clean_deadline(self):
        return _deadline(self.cleaned_data["deadline"])


class StatusForm(forms.Form):
    """Confirming a status change. Opening and reopening may set the deadline (one that has
    passed may stay); finalising with cells still to review needs an explicit choice and a
    reason; reopening needs a reason."""

    deadline = DeadlineField()
    ondanks_open = forms.BooleanField(
        label="",
        error_messages={"required": _("Vink aan dat u de ronde toch wilt vaststellen.")},
    )
    reden = forms.CharField(
        label=_("Reden"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De reden wordt bewaard in de geschiedenis van de ronde."),
    )

    def __init__(
        self, *args, actie: str, ronde: Ronde, open_cellen: int = 0, nog_bezig: int = 0, **kwargs
    ):
        self.actie, self.ronde = actie, ronde
        super().__init__(*args, **kwargs)
        if actie == "openen" or (actie == "heropenen" and not ronde.is_samen):
            self.fields["deadline"].initial = ronde.deadline
        else:
            del self.fields["deadline"]
        if actie == "bespreken" and nog_bezig:
            self.fields["ondanks_open"].label = ngettext(
                "Toch sluiten, terwijl %(n)s lid nog niet alle cellen heeft gescoord",
                "Toch sluiten, terwijl %(n)s leden nog niet alle cellen hebben gescoord",
                nog_bezig,
            ) % {"n": nog_bezig}
            self.fields["ondanks_open"].error_messages["required"] = _(
                "Vink aan dat u het scoren toch wilt sluiten."
            )
        elif actie == "vaststellen" and open_cellen:
            self.fields["ondanks_open"].label = ngettext(
                "Toch vaststellen, met %(n)s cel die niet opnieuw is beoordeeld",
                "Toch vaststellen, met %(n)s cellen die niet opnieuw zijn beoordeeld",
                open_cellen,
            ) % {"n": open_cellen}
            self.fields["reden"].help_text = _(
                "Waarom nu vaststellen? De reden wordt bewaard in de geschiedenis van de ronde en "
                "staat op de pagina Rondes."
            )
        else:
            del self.fields["ondanks_open"]
        if actie not in {"heropenen", "vaststellen"} or (
            actie == "vaststellen" and not open_cellen
        ):
            del self.fields["reden"]

    def clean_deadline(self):
        return _deadline(self.cleaned_data["deadline"], self.ronde.deadline)


class VergelijkForm(forms.Form):
    class Checkbox(forms.CheckboxInput):
        """Sends alleen=wijzigingen (a readable address) rather than the browser's 'on'. (Its
        name makes its widget_type 'checkbox', which the field template lays out as one.)"""

        waarde = "wijzigingen"

        def format_value(self, value):
            return self.waarde

    van = forms.TypedChoiceField(label=_("Van"), coerce=int)
    naar = forms.TypedChoiceField(label=_("Naar"), coerce=int)
    alleen = forms.BooleanField(
        label=_("Toon alleen de wijzigingen"), required=False, widget=Checkbox
    )

    def __init__(self, *args, jaren: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("van", "naar"):
            self.fields[name].choices = [(j, j) for j in jaren]

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("van") == data.get("naar"):
            raise forms.ValidationError(_("Kies twee verschillende rondes."))
        return data


class VertrekForm(forms.Form):
    """An expert leaves: when, and who succeeds them."""

    vertrokken_op = DatumVeld(
        label=_("Vertrokken op"),
        initial=timezone.localdate,
        help_text=_("De laatste werkdag, of vandaag."),
    )
    opvolger = forms.ModelChoiceField(
        label=_("Opvolger"),
        queryset=Expert.objects.none(),
        required=False,
        help_text=_(
            "Wie neemt het werk over? Deze persoon staat op het profiel van de vertrekker. "
            "Per rol hieronder kunt u een ander kiezen."
        ),
    )
    notitie = forms.CharField(
        label=_("Notitie voor de opvolger"),
        required=False,
        max_length=OVERDRACHT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Gaat mee met wat de vertrekker verder beheert, zoals kennisitems. Per rol is er "
            "hieronder een eigen notitie."
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
    opvolger = forms.ModelChoiceField(
        label=_("Opvolger voor deze rol"),
        queryset=Expert.objects.none(),
        required=False,
        help_text=_("Leeg laten voor de opvolger hierboven."),
    )
    notitie = forms.CharField(
        label=_("Overdrachtsnotitie"),
        required=False,
        max_length=OVERDRACHT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Lopende afspraken, contacten, waar de stukken staan."),
    )

    def __init__(self, *args, kandidaten=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opvolger"].queryset = kandidaten
        self.fields["opvolger"].label_from_instance = _opvolger_label


class BaseRolOverdrachtFormSet(FormSet):
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


class DossierForm(forms.ModelForm):
    """What the coordinator keeps on an inspanning's dossier page: description, status and
    funding."""

    class Meta:
        model = Inspanning
        fields = [
            "omschrijving",
            "status",
            "financiering_bronnen",
            "financiering_aard",
            "financiering_tot",
            "financiering_toelichting",
        ]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 6}),
            "financiering_aard": forms.RadioSelect,
            "financiering_toelichting": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"financiering_tot": DatumVeld}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["financiering_aard"].choices = [
            ("", _("Nog niet bekend")),
            *Inspanning.Financieringsaard.choices,
        ]
        self.fields["financiering_aard"].help_text = ""


# A member's own score: the level, or "weet ik niet" (counted apart, never averaged in).
NIVEAUS_EIGEN = NIVEAUS_KORT[:3] + [(Niveau.ONBEKEND, _("? weet ik niet"))]


class BeoordelingForm(forms.Form):
    """One cell on a member's scoring page. Left empty, nothing is saved for it."""

    score_id = forms.IntegerField(widget=forms.HiddenInput)
    niveau = forms.ChoiceField(
        label=_("Uw score"), choices=NIVEAUS_EIGEN, required=False, widget=forms.RadioSelect
    )
    reden = forms.CharField(
        label=_("Reden, kort"),
        required=False,
        max_length=REDEN_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_reden(self):
        return self.cleaned_data["reden"].replace("\r\n", "\n").strip()

    def clean(self):
        data = super().clean()
        if data.get("reden") and not data.get("niveau") and not self.has_error("niveau"):
            self.add_error("niveau", _("Kies eerst een score; de reden hoort bij een score."))
        return data


class BaseBeoordelingFormSet(FormSet):
    """The cells of one round; a cell id that is not the round's is refused."""

    def __init__(self, *args, cel_ids, **kwargs):
        self.cel_ids = cel_ids
        super().__init__(*args, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        ids = [f.cleaned_data.get("score_id") for f in self.forms]
        if len(set(ids)) != len(ids) or not set(ids) <= self.cel_ids:
            raise forms.ValidationError(
                _(
                    "De gegevens van het formulier kloppen niet (onbekende cel). Laad de pagina opnieuw."
                ),
                code="tampered",
            )


BeoordelingFormSet = forms.formset_factory(
    BeoordelingForm,
    formset=BaseBeoordelingFormSet,
    extra=0,
    max_num=2000,
    absolute_max=2000,
    validate_max=True,
)


class VaststellenForm(forms.Form):
    """The official cell, set in the bespreking: level, toelichting and a minority note, with
    the version the page showed (no one's later save is overwritten unseen)."""

    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    niveau = forms.ChoiceField(
        label=_("Vastgesteld niveau"),
        # blank where the scores give no one level: the meeting chooses, not a default
        choices=[("", _("– kies het niveau –"))] + NIVEAUS_KORT,
        error_messages={"required": _("Kies het niveau dat de bespreking vaststelt.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Wat de bespreking vaststelde, en waarom."),
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Schrijf in een zin wat de bespreking vaststelde, en waarom.")
        },
    )
    minderheidsstandpunt = forms.CharField(
        label=_("Minderheidsstandpunt (waar de meningen uiteen bleven)"),
        required=False,
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_toelichting(self):
        return self.cleaned_data["toelichting"].replace("\r\n", "\n").strip()

    def clean_minderheidsstandpunt(self):
        return self.cleaned_data["minderheidsstandpunt"].replace("\r\n", "\n").strip()


class RondeInstellingenForm(forms.ModelForm):
    """The coordinator names the chair of the bespreking and may make an open round
    anonymous; an anonymous round never becomes open again (Ronde.controleer_weergave, which
    the model form's validation runs)."""

    class Meta:
        model = Ronde
        fields = ["voorzitter", "weergave"]
        widgets = {"weergave": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voorzitter"].queryset = (
            get_user_model()
            .objects.met_rol(roles.STUURGROEP)
            .filter(is_active=True)
            .order_by("naam")
        )
        self.fields["voorzitter"].empty_label = _("geen: de coördinator zit voor")
        self.fields["weergave"].choices = Ronde.Weergave.choices
        if self.instance.is_anoniem:  # no choice left to offer (the page says so)
            self.fields["weergave"].widget = forms.HiddenInput()
