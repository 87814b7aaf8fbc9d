from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gezondgewicht.fields import ChoiceListField
from gezondgewicht.text import SlugOnSaveMixin


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
    omschrijving = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Expertisegebied(SlugOnSaveMixin, models.Model):
    naam = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True, blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    synoniemen = models.TextField(
        _("synoniemen"),
        blank=True,
        help_text=_("Andere woorden en afkortingen voor dit gebied, gescheiden door ';'."),
    )

    class Meta:
        verbose_name = _("expertisegebied")
        verbose_name_plural = _("expertisegebieden")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Thesaurusterm(models.Model):
    """A search term with its synonyms and abbreviations: 'GLI' finds 'gecombineerde leefstijlinterventie'."""

    term = models.CharField(_("term"), max_length=150, unique=True)
    synoniemen = models.TextField(
        _("synoniemen"), help_text=_("Synoniemen en afkortingen, gescheiden door ';'.")
    )

    class Meta:
        verbose_name = _("thesaurusterm")
        verbose_name_plural = _("thesaurus")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def woorden(self) -> list[str]:
        return [self.term, *(s.strip() for s in self.synoniemen.split(";") if s.strip())]


class Expert(SlugOnSaveMixin, models.Model):
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
    telefoon = models.CharField(_("telefoon"), max_length=40, blank=True)

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experts",
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
    beschikbaar_voor = ChoiceListField(_("beschikbaar voor"), item_choices=Beschikbaarheid.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert",
    )
    zichtbaarheid = models.CharField(
        _("zichtbaarheid"), max_length=10, choices=Zichtbaarheid, default=Zichtbaarheid.NETWERK
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
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["bijgewerkt_op"])

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

    def __str__(self):
        return self.naam

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_vertrokken(self) -> bool:
        return self.status == self.Status.VERTROKKEN

    def beschikbaar_voor_labels(self) -> list[str]:
        return self._meta.get_field("beschikbaar_voor").labels(self.beschikbaar_voor)
