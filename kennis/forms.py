from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import DatumVeld
from core.text import normalise_email
from experts.models import Expert, Expertisegebied, Organisatie
from inspanningen.models import Aanbeveling, Inspanning
from kennis import bestanden
from kennis.models import REDEN_MAX, WEB_LINK, Kennisitem

VELDEN = (
    "titel",
    "soort",
    "samenvatting",
    "inhoud",
    "link",
    "datum",
    "bedoeling",
    "gebeurd",
    "waarom",
    "volgende_keer",
    "werkte_niet",
    "erkenning",
    "erkenning_gecontroleerd_op",
    "inspanningen",
    "aanbevelingen",
    "themas",
    "organisaties",
    "zichtbaarheid",
)
LES_VELDEN = ("bedoeling", "gebeurd", "waarom", "volgende_keer", "werkte_niet")
BRON_VELDEN = ("erkenning", "erkenning_gecontroleerd_op")
# The form in groups: (legend, the type a group belongs to or "" for every type, fields). The page
# shows them in this order; with JavaScript, a group of another type is hidden
# (static/js/kennisformulier.js). What is typed in a group of another type is not kept.
GROEPEN = [
    (_("Wat is het?"), "", ("titel", "soort", "samenvatting", "datum")),
    (_("Alleen bij een les"), "les", LES_VELDEN),
    (_("Alleen bij een landelijke bron"), "landelijke_bron", BRON_VELDEN),
    (_("Tekst, bestand of link"), "", ("inhoud", "bestand", "reden", "link")),
    (
        _("Hoort bij"),
        "",
        ("inspanningen", "aanbevelingen", "themas", "organisaties", "personen", "eigenaar_email"),
    ),
    (_("Wie het ziet"), "", ("zichtbaarheid",)),
]
MAX_PERSONEN = 20


class BestandVeld(forms.FileField):
    """A file for the kennisbank: checked by content (kennis.bestanden), read once."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            _("%(soorten)s, hoogstens %(mb)s MB.")
            % {"soorten": bestanden.toegestaan(), "mb": bestanden.MAX_BYTES // 2**20},
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        if upload.size > bestanden.MAX_BYTES:  # before reading it into memory
            raise ValidationError(
                _("Het bestand is groter dan %(mb)s MB.") % {"mb": bestanden.MAX_BYTES // 2**20}
            )
        inhoud = upload.read()
        try:
            upload.gelezen = bestanden.lees(upload.name, inhoud)
        except bestanden.Geweigerd as exc:
            raise ValidationError(str(exc)) from exc
        upload.inhoud = inhoud
        return upload


class PersonenVeld(forms.CharField):
    """Experts by e-mail address, one per line or separated by ';' (there are too many for a
    list to choose from)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value):
        value = super().clean(value)
        adressen = list(
            dict.fromkeys(
                normalise_email(a) for a in value.replace(";", "\n").replace(",", "\n").split() if a
            )
        )
        if len(adressen) > MAX_PERSONEN:
            raise ValidationError(_("Noem hoogstens %(n)s personen.") % {"n": MAX_PERSONEN})
        gevonden = {e.email: e for e in Expert.objects.filter(email__in=adressen)}
        onbekend = [a for a in adressen if a not in gevonden]
        if onbekend:
            raise ValidationError(
                _("Niemand in Wie weet wat heeft dit e-mailadres: %(adressen)s.")
                % {"adressen": ", ".join(onbekend)}
            )
        return [gevonden[a] for a in adressen]


class KennisitemForm(forms.ModelForm):
    eigenaar_email = forms.EmailField(
        label=_("Eigenaar (e-mailadres)"),
        required=False,
        help_text=_(
            "Wie dit actueel houdt; leeg is uzelf. Het moet iemand met een profiel in Wie weet "
            "wat zijn."
        ),
    )
    personen = PersonenVeld(
        label=_("Auteurs en contactpersonen (e-mailadressen)"),
        required=False,
        help_text=_("Eén per regel. Zij moeten een profiel in Wie weet wat hebben."),
    )
    bestand = BestandVeld(label=_("Bestand"), required=False)
    link = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": WEB_LINK.message},  # the model's WEB_LINK checks the scheme
        help_text=Kennisitem._meta.get_field("link").help_text,
    )

    class Meta:
        model = Kennisitem
        fields = VELDEN
        widgets = {
            "soort": forms.RadioSelect,
            "zichtbaarheid": forms.RadioSelect,
            "samenvatting": forms.Textarea(attrs={"rows": 3}),
            "inhoud": forms.Textarea(attrs={"rows": 10}),
            "bedoeling": forms.Textarea(attrs={"rows": 3}),
            "gebeurd": forms.Textarea(attrs={"rows": 3}),
            "waarom": forms.Textarea(attrs={"rows": 3}),
            "volgende_keer": forms.Textarea(attrs={"rows": 3}),
            "inspanningen": forms.CheckboxSelectMultiple,
            "aanbevelingen": forms.CheckboxSelectMultiple,
            "themas": forms.CheckboxSelectMultiple,
            "organisaties": forms.SelectMultiple(attrs={"size": 8}),
        }
        field_classes = {"datum": DatumVeld, "erkenning_gecontroleerd_op": DatumVeld}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["inspanningen"].queryset = Inspanning.objects.order_by("volgorde", "nummer")
        self.fields["aanbevelingen"].queryset = Aanbeveling.objects.filter(gearchiveerd=False)
        self.fields["themas"].queryset = Expertisegebied.objects.order_by("naam")
        self.fields["organisaties"].queryset = Organisatie.objects.order_by("naam")
        self.fields["organisaties"].help_text = _(
            "Houd Ctrl (op een Mac ⌘) ingedrukt om er meer dan één te kiezen."
        )
        self.eerdere_inspanningen = set()
        if self.instance.pk:
            self.eerdere_inspanningen = {i.pk for i in self.instance.inspanningen.all()}
            if self.instance.eigenaar_id:
                self.initial["eigenaar_email"] = self.instance.eigenaar.email
            if not (user.is_coordinator or self.instance.is_van(user)):
                # Who keeps an item is its owner's and the coordinator's choice only.
                self.fields["eigenaar_email"].disabled = True
                self.fields["eigenaar_email"].help_text = _(
                    "Alleen de eigenaar en de coördinator kunnen dit wijzigen."
                )
            self.initial["personen"] = "\n".join(e.email for e in self.instance.experts.all())
            self.fields["bestand"].help_text = _(
                "Een nieuwe versie; de oude blijven bewaard. %(eerder)s"
            ) % {"eerder": self.fields["bestand"].help_text}
            self.fields["reden"] = forms.CharField(
                label=_("Waarom een nieuwe versie?"),
                required=False,
                max_length=REDEN_MAX,
                help_text=_("Nodig bij een nieuw bestand, bijvoorbeeld 'cijfers 2026 toegevoegd'."),
            )
            self.order_fields([*self.fields.keys()])

    def groepen(self):
        """GROEPEN with the bound fields (the reason for a new version only when editing)."""
        return [
            (legende, soort, [self[n] for n in namen if n in self.fields])
            for legende, soort, namen in GROEPEN
        ]

    def _post_clean(self):
        super()._post_clean()
        upload = self.files.get("bestand")
        if upload and self.errors and "bestand" not in self.errors:
            self.add_error(
                "bestand",
                _(
                    "U had het bestand ‘%(naam)s’ gekozen. Een browser stuurt een bestand niet "
                    "mee terug: kies het opnieuw."
                )
                % {"naam": upload.name},
            )

    def clean_inspanningen(self):
        gekozen = self.cleaned_data["inspanningen"]
        nieuw_gearchiveerd = [
            i for i in gekozen if i.gearchiveerd and i.pk not in self.eerdere_inspanningen
        ]
        if nieuw_gearchiveerd:
            raise ValidationError(
                _("%(namen)s is gearchiveerd; koppel het item aan een lopende inspanning.")
                % {"namen": ", ".join(str(i) for i in nieuw_gearchiveerd)}
            )
        return gekozen

    def clean_eigenaar_email(self):
        """The owner: as typed; left empty, the one it has (or the author of a new item)."""
        email = normalise_email(self.cleaned_data.get("eigenaar_email") or "")
        if self.fields["eigenaar_email"].disabled or (
            self.instance.eigenaar_id and email == self.instance.eigenaar.email
        ):
            return self.instance.eigenaar
        if not email:
            if self.instance.pk:
                return self.instance.eigenaar
            return Expert.objects.filter(user=self.user).first()
        eigenaar = Expert.objects.filter(email=email).first()
        if eigenaar is None:
            raise ValidationError(_("Niemand in Wie weet wat heeft dit e-mailadres."))
        if eigenaar.is_vertrokken:
            raise ValidationError(
                _("%(naam)s is vertrokken; kies een opvolger als eigenaar.")
                % {"naam": eigenaar.naam}
            )
        return eigenaar

    def clean(self):
        data = super().clean()
        soort = data.get("soort")
        if soort != Kennisitem.Soort.LES:
            for veld in LES_VELDEN:
                data[veld] = False if veld == "werkte_niet" else ""
        if soort != Kennisitem.Soort.LANDELIJKE_BRON:
            data["erkenning"], data["erkenning_gecontroleerd_op"] = "", None
        elif not data.get("link"):
            self.add_error("link", _("Een landelijke bron heeft een link naar die bron."))
        heeft_bestand = bool(data.get("bestand")) or (
            self.instance.pk and self.instance.bestanden.exists()
        )
        if data.get("link") and data.get("bestand"):
            self.add_error("bestand", _("Geef een bestand óf een link, niet allebei."))
        elif data.get("link") and heeft_bestand:
            self.add_error(
                "link", _("Dit item heeft al een bestand; geef een bestand óf een link.")
            )
        if self.instance.pk and data.get("bestand") and not (data.get("reden") or "").strip():
            self.add_error("reden", _("Schrijf kort waarom er een nieuwe versie is."))
        return data


class ArchiveerForm(forms.Form):
    vervangen_door = forms.CharField(
        label=_("Vervangen door"),
        required=False,
        max_length=500,
        help_text=_(
            "Plak de link van het item dat dit vervangt. Het gearchiveerde item verwijst er dan "
            "naar."
        ),
    )
    reden = forms.CharField(label=_("Reden"), max_length=REDEN_MAX)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item

    def clean_vervangen_door(self):
        tekst = self.cleaned_data["vervangen_door"].strip().rstrip("/")
        if not tekst:
            return None
        slug = tekst.rsplit("/", 1)[-1]
        vervanger = Kennisitem.objects.actueel().exclude(pk=self.item.pk).filter(slug=slug).first()
        if vervanger is None:
            raise ValidationError(
                _("Geen actueel kennisitem gevonden op dit adres. Plak de link van de itempagina.")
            )
        return vervanger
