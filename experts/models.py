import re
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import ChoiceArrayField, LimitedTextField
from core.text import SlugOnSaveMixin, normalise_email


class Gemeente(SlugOnSaveMixin, models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Domein(SlugOnSaveMixin, models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)

    class Meta:
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


DOMEIN = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def domeinen(tekst: str) -> list[str]:
    return [d.strip().lower().lstrip("@") for d in tekst.split(";") if d.strip()]


def valideer_domeinen(tekst: str) -> None:
    fout = [d for d in domeinen(tekst) if not DOMEIN.match(d)]
    if fout:
        raise ValidationError(
            _("Geen geldig domein: %(domeinen)s. Schrijf bijvoorbeeld ggddrenthe.nl."),
            params={"domeinen": ", ".join(fout)},
        )


class Organisatie(SlugOnSaveMixin, models.Model):
    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        GGD = "ggd", _("GGD")
        HUISARTSENZORG = "huisartsenzorg", _("Huisartsenzorg")
        ZORGAANBIEDER = "zorgaanbieder", _("Zorgaanbieder")
        ZORGVERZEKERAAR = "zorgverzekeraar", _("Zorgverzekeraar")
        WELZIJN = "welzijn", _("Welzijnsorganisatie")
        SPORT = "sport", _("Sport en bewegen")
        ONDERWIJS = "onderwijs", _("Onderwijs")
        KENNISINSTELLING = "kennisinstelling", _("Kennisinstelling")
        INWONERSORGANISATIE = "inwonersorganisatie", _("Inwoners- en patiëntenorganisatie")
        NETWERK = "netwerk", _("Netwerk of programma")
        PROVINCIE = "provincie", _("Provincie")
        BEDRIJF = "bedrijf", _("Bedrijf")
        OVERIG = "overig", _("Overig")

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort, default=Soort.OVERIG)
    werkgebied = models.ManyToManyField(
        Gemeente, verbose_name=_("werkgebied"), blank=True, related_name="organisaties"
    )
    domeinen = models.ManyToManyField(
        Domein, verbose_name=_("domeinen"), blank=True, related_name="organisaties"
    )
    website = models.URLField(_("website"), blank=True)
    omschrijving = LimitedTextField(_("omschrijving"), blank=True, max_length=5000)
    emaildomeinen = LimitedTextField(
        _("e-maildomeinen"),
        blank=True,
        max_length=1000,
        validators=[valideer_domeinen],
        help_text=_(
            "Wie een e-mailadres op een van deze domeinen heeft, kan zelf een account aanmaken. "
            "Gescheiden door ';', bijvoorbeeld: ggddrenthe.nl; emmen.nl"
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("experts:organisatie", args=[self.slug])

    @classmethod
    def is_partnerdomein(cls, email: str) -> bool:
        """Whether the address's domain is one of a partner organisation's e-mail domains."""
        domein = normalise_email(email).rpartition("@")[2]
        if not domein:
            return False
        kandidaten = cls.objects.filter(emaildomeinen__icontains=domein)
        return any(
            domein in domeinen(t) for t in kandidaten.values_list("emaildomeinen", flat=True)
        )


class Expertisegebied(SlugOnSaveMixin, models.Model):
    naam = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True, blank=True)
    omschrijving = LimitedTextField(_("omschrijving"), blank=True, max_length=5000)
    synoniemen = LimitedTextField(
        _("synoniemen"),
        blank=True,
        max_length=2000,
        help_text=_("Andere woorden en afkortingen voor dit gebied, gescheiden door ';'."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expertisegebied")
        verbose_name_plural = _("expertisegebieden")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Thesaurusterm(models.Model):
    """A search term with its synonyms and abbreviations: 'GLI' finds 'gecombineerde leefstijlinterventie'."""

    term = models.CharField(_("term"), max_length=150, unique=True)
    synoniemen = LimitedTextField(
        _("synoniemen"),
        max_length=2000,
        help_text=_("Synoniemen en afkortingen, gescheiden door ';'."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thesaurusterm")
        verbose_name_plural = _("thesaurus")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def woorden(self) -> list[str]:
        return [self.term, *(s.strip() for s in self.synoniemen.split(";") if s.strip())]


VEROUDERD_NA = timedelta(days=365)
TOELICHTING_MAX = 3000
TELEFOON = RegexValidator(
    r"^[0-9+()\- ]{6,40}$",
    _("Gebruik alleen cijfers, spaties, +, - en haakjes, bijvoorbeeld 0592 123 456."),
)

# The fields of a profile, written once: the profile form, the admin and the CSV exchange use them.
CONTACTVELDEN = ("naam", "email", "telefoon")
WERKVELDEN = (
    "organisatie",
    "functie",
    "beroepsgroep",
    "expertisegebieden",
    "domeinen",
    "werkgebied",
    "beschikbaar_voor",
    "toelichting",
)
PROFIELVELDEN = (*CONTACTVELDEN, *WERKVELDEN, "zichtbaarheid")


class ExpertQuerySet(models.QuerySet):
    def openbaar(self):
        return self.filter(zichtbaarheid=Expert.Zichtbaarheid.OPENBAAR)

    def actief(self):
        return self.filter(status=Expert.Status.ACTIEF)

    def met_peildatum(self):
        """When the profile was last confirmed, or else when it was made (Expert.peildatum)."""
        return self.alias(bevestigd_of_aangemaakt=Coalesce("laatst_bevestigd_op", "aangemaakt_op"))

    def verouderd(self, now=None):
        """Profiles nobody confirmed for a year: 'mogelijk verouderd'."""
        grens = (now or timezone.now()) - VEROUDERD_NA
        return self.met_peildatum().filter(bevestigd_of_aangemaakt__lt=grens)


class Expert(SlugOnSaveMixin, models.Model):
    RESERVED_SLUGS = frozenset({"actualiteit", "export"})

    class Beroepsgroep(models.TextChoices):
        HUISARTS = "huisarts", _("Huisarts")
        PRAKTIJKONDERSTEUNER = "praktijkondersteuner", _("Praktijkondersteuner")
        DIETIST = "dietist", _("Diëtist")
        FYSIOTHERAPEUT = "fysiotherapeut", _("Fysiotherapeut")
        LEEFSTIJLCOACH = "leefstijlcoach", _("Leefstijlcoach")
        BUURTSPORTCOACH = "buurtsportcoach", _("Buurtsportcoach")
        JOGG_REGISSEUR = "jogg-regisseur", _("JOGG-regisseur")
        JEUGDVERPLEEGKUNDIGE = "jeugdverpleegkundige", _("Jeugdverpleegkundige")
        JEUGDARTS = "jeugdarts", _("Jeugdarts")
        VERPLEEGKUNDIGE = "verpleegkundige", _("Verpleegkundige")
        WELZIJNSWERKER = "welzijnswerker", _("Welzijnswerker")
        BELEIDSADVISEUR = "beleidsadviseur", _("Beleidsadviseur")
        BESTUURDER = "bestuurder", _("Bestuurder")
        PROJECTLEIDER = "projectleider", _("Projectleider")
        ONDERZOEKER = "onderzoeker", _("Onderzoeker")
        DOCENT = "docent", _("Docent")
        ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Ervaringsdeskundige")
        OVERIG = "overig", _("Overig")

    class Beschikbaarheid(models.TextChoices):
        ADVIES = "advies", _("Advies")
        PRESENTATIE = "presentatie", _("Presentatie")
        INTERVISIE = "intervisie", _("Intervisie")
        TRAINING = "training", _("Training")
        MEEDENKEN = "meedenken", _("Meedenken")
        MENTORSCHAP = "mentorschap", _("Mentorschap")

    class Zichtbaarheid(models.TextChoices):
        NETWERK = "netwerk", _("Netwerk (alleen ingelogde gebruikers)")
        OPENBAAR = "openbaar", _("Openbaar (naam, functie, organisatie en expertise)")

    class Status(models.TextChoices):
        ACTIEF = "actief", _("Actief")
        VERTROKKEN = "vertrokken", _("Vertrokken")

    naam = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True, blank=True)
    email = models.EmailField(_("e-mailadres"))
    telefoon = models.CharField(_("telefoon"), max_length=40, blank=True, validators=[TELEFOON])

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experts",
        help_text=_("Staat uw organisatie er niet bij? Vraag de coördinator."),
    )
    functie = models.CharField(_("functie"), max_length=150, blank=True)
    beroepsgroep = models.CharField(
        _("beroepsgroep"), max_length=30, choices=Beroepsgroep, default=Beroepsgroep.OVERIG
    )
    expertisegebieden = models.ManyToManyField(
        Expertisegebied, verbose_name=_("expertisegebieden"), blank=True, related_name="experts"
    )
    domeinen = models.ManyToManyField(
        Domein, verbose_name=_("domeinen"), blank=True, related_name="experts"
    )
    werkgebied = models.ManyToManyField(
        Gemeente, verbose_name=_("werkgebied"), blank=True, related_name="experts"
    )
    beschikbaar_voor = ChoiceArrayField(
        models.CharField(max_length=20, choices=Beschikbaarheid),
        verbose_name=_("beschikbaar voor"),
        blank=True,
        default=list,
    )
    toelichting = LimitedTextField(
        _("toelichting"),
        blank=True,
        max_length=TOELICHTING_MAX,
        help_text=_(
            "Waar kunnen collega's u voor benaderen? Noem projecten, doelgroepen en werkwijzen."
        ),
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert",
    )
    zichtbaarheid = models.CharField(
        _("zichtbaarheid"),
        max_length=10,
        choices=Zichtbaarheid,
        default=Zichtbaarheid.NETWERK,
        help_text=_(
            "Openbaar betekent: naam, functie, organisatie en expertise zijn ook zonder "
            "inloggen te zien. Uw contactgegevens nooit. U kunt dit altijd terugdraaien."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ACTIEF)
    vertrokken_op = models.DateField(_("vertrokken op"), null=True, blank=True)
    opvolger = models.ForeignKey(
        "self",
        verbose_name=_("opvolger"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voorgangers",
    )
    laatst_bevestigd_op = models.DateTimeField(_("laatst bevestigd op"), null=True, blank=True)
    herinnerd_op = models.DateTimeField(
        _("herinnerd op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Wanneer de eigenaar voor het laatst is gevraagd het profiel te bevestigen."),
    )
    gewaarschuwd_op = models.DateTimeField(
        _("gewaarschuwd voor anonimiseren op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Na twee jaar zonder bevestiging: wanneer de eigenaar is gewaarschuwd."),
    )
    geanonimiseerd_op = models.DateTimeField(
        _("geanonimiseerd op"), null=True, blank=True, editable=False
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    # The search document and its distinct words, kept current by experts.search.index.
    # Derived, so not audited.
    zoekvector = SearchVectorField(editable=False, null=True)
    zoekwoorden = ArrayField(models.CharField(max_length=50), default=list, editable=False)

    objects = ExpertQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "bijgewerkt_op",
            "herinnerd_op",
            "gewaarschuwd_op",
            "zoekvector",
            "zoekwoorden",
        ]
    )

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="expert_email_ci_uniek"),
            models.CheckConstraint(
                condition=~models.Q(opvolger=models.F("id")), name="expert_niet_eigen_opvolger"
            ),
        ]
        indexes = [
            GinIndex(fields=["zoekvector"], name="expert_zoekvector_gin"),
            # Narrow and in list order: browsing without words reads the first page from it,
            # and "passende experts" joins on it, without touching the wide rows.
            models.Index(fields=["status", "naam", "id"], name="expert_status_naam"),
        ]

    def __str__(self):
        return self.naam

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("experts:detail", args=[self.slug])

    def clean(self):
        self.email = normalise_email(self.email)
        self.toelichting = self.toelichting.replace("\r\n", "\n")
        if Expert.objects.exclude(pk=self.pk).filter(email=self.email).exists():
            raise ValidationError({"email": _("Er is al een expert met dit e-mailadres.")})

    def zichtbaar_voor(self, user) -> bool:
        """Logged-in users see every profile; visitors only those their owners made public.
        The one rule for a person's name on a page, also where it names a successor."""
        return user.is_authenticated or self.zichtbaarheid == self.Zichtbaarheid.OPENBAAR

    def kan_bewerken(self, user) -> bool:
        """Its owner and the Coördinator may change a profile and record its owner's leaving."""
        return user.is_authenticated and (user.is_coordinator or self.user_id == user.pk)

    @property
    def is_vertrokken(self) -> bool:
        return self.status == self.Status.VERTROKKEN

    @property
    def peildatum(self):
        return self.laatst_bevestigd_op or self.aangemaakt_op

    @property
    def is_verouderd(self) -> bool:
        return self.peildatum is not None and self.peildatum < timezone.now() - VEROUDERD_NA

    def beschikbaar_voor_labels(self) -> list[str]:
        return [str(self.Beschikbaarheid(key).label) for key in self.beschikbaar_voor]


class Zoekwoord(models.Model):
    """Every distinct word of the live search documents, normalised: the vocabulary that typos
    are matched against (pg_trgm) and that compound words are found in ('zorg' → 'ouderenzorg').
    `aantal` counts the experts whose `zoekwoorden` hold the word, kept by a trigger in the
    database; at zero the word leaves the vocabulary, so nothing of a deleted profile or a
    removed sentence stays findable."""

    woord = models.CharField(max_length=100, unique=True)
    aantal = models.IntegerField(default=0)

    class Meta:
        indexes = [
            GinIndex(fields=["woord"], opclasses=["gin_trgm_ops"], name="zoekwoord_woord_trgm")
        ]
        verbose_name = _("zoekwoord")
        verbose_name_plural = _("zoekwoorden")

    def __str__(self):
        return self.woord
