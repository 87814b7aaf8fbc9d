"""The kennisbank: what the coalition knows and has learned, kept with its efforts.

A Kennisitem is a lesson, an example, a document, an evaluation, a meeting's report or a link
to a national source. Its files are kept in PostgreSQL (Bestand), every version with who, when
and why, so the app stays stateless and a pg_dump holds everything."""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import LimitedTextField
from core.text import SlugOnSaveMixin
from experts.models import Expert, Expertisegebied, Organisatie
from inspanningen.models import Aanbeveling, Inspanning

VEROUDERD_NA = timedelta(days=365)
SAMENVATTING_MAX = 600
INHOUD_MAX = 20_000
LES_MAX = 3000
REDEN_MAX = 500

WEB_LINK = URLValidator(
    schemes=["http", "https"],
    message=_("Geef een webadres dat begint met http:// of https://."),
)


def _gehouden(eigenaar: models.Q, user_id) -> models.Q:
    """Kept by: the owner, or the account that added it while no owner is named."""
    if user_id is None:
        return eigenaar
    return eigenaar | models.Q(eigenaar__isnull=True, aangemaakt_door_id=user_id)


class KennisitemQuerySet(models.QuerySet):
    def actueel(self):
        """Not archived: what search and the dossier show."""
        return self.filter(gearchiveerd_op__isnull=True)

    def zichtbaar_voor(self, user):
        """Logged-in users see every item; visitors only the public ones."""
        return (
            self
            if user.is_authenticated
            else self.filter(zichtbaarheid=Kennisitem.Zichtbaarheid.OPENBAAR)
        )

    def van(self, user):
        """The items this account keeps: as their owner's account, or as the account that added
        them while no owner is named (Kennisitem.is_van's rule)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(_gehouden(models.Q(eigenaar__user=user), user.pk))

    def beheerd_door(self, expert):
        """The same, for a person: the items they own, or added without naming an owner."""
        return self.filter(_gehouden(models.Q(eigenaar=expert), expert.user_id))

    def verouderd(self, now=None):
        """Items nobody confirmed for a year: 'mogelijk verouderd'."""
        grens = (now or timezone.now()) - VEROUDERD_NA
        return self.filter(laatst_bevestigd_op__lt=grens)


class Kennisitem(SlugOnSaveMixin, models.Model):
    RESERVED_SLUGS = frozenset({"nieuw", "feed"})

    class Soort(models.TextChoices):
        LES = "les", _("Les")
        PRAKTIJKVOORBEELD = "praktijkvoorbeeld", _("Praktijkvoorbeeld")
        DOCUMENT = "document", _("Document")
        EVALUATIE = "evaluatie", _("Evaluatie")
        VERSLAG = "verslag", _("Verslag")
        LANDELIJKE_BRON = "landelijke_bron", _("Landelijke bron")

    class Erkenning(models.TextChoices):
        """The recognition levels of Loket Gezond Leven's intervention database."""

        GOED_BESCHREVEN = "goed_beschreven", _("Goed beschreven")
        GOED_ONDERBOUWD = "goed_onderbouwd", _("Goed onderbouwd")
        EERSTE_AANWIJZINGEN = "eerste_aanwijzingen", _("Effectief volgens eerste aanwijzingen")
        GOEDE_AANWIJZINGEN = "goede_aanwijzingen", _("Effectief volgens goede aanwijzingen")
        STERKE_AANWIJZINGEN = "sterke_aanwijzingen", _("Effectief volgens sterke aanwijzingen")
        NIET_ERKEND = "niet_erkend", _("Niet erkend")

    class Zichtbaarheid(models.TextChoices):
        NETWERK = "netwerk", _("Netwerk (alleen ingelogde gebruikers)")
        OPENBAAR = "openbaar", _("Openbaar (ook zonder inloggen, en in de feed)")

    titel = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort, default=Soort.LES)
    samenvatting = LimitedTextField(
        _("samenvatting"),
        max_length=SAMENVATTING_MAX,
        help_text=_("In gewone taal, in een paar zinnen: waar gaat dit over en wat heeft u eraan?"),
    )
    inhoud = LimitedTextField(
        _("tekst"),
        blank=True,
        max_length=INHOUD_MAX,
        help_text=_(
            "Markdown: **vet**, *schuin*, kopjes met #, lijstjes met -, links als "
            "[tekst](https://…). HTML wordt niet overgenomen."
        ),
    )
    link = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[WEB_LINK],
        help_text=_(
            "Een webadres, als het stuk elders staat (bijvoorbeeld bij Loket Gezond Leven)."
        ),
    )
    datum = models.DateField(_("datum"), default=timezone.localdate)

    # The shape of a lesson: the after-action review.
    bedoeling = LimitedTextField(_("wat was de bedoeling?"), blank=True, max_length=LES_MAX)
    gebeurd = LimitedTextField(_("wat is er gebeurd?"), blank=True, max_length=LES_MAX)
    waarom = LimitedTextField(_("waarom ging het zo?"), blank=True, max_length=LES_MAX)
    volgende_keer = LimitedTextField(
        _("wat doen we volgende keer?"), blank=True, max_length=LES_MAX
    )
    werkte_niet = models.BooleanField(
        _("werkte niet"),
        default=False,
        help_text=_("Zodat anderen leren van wat niet werkt, en ineffectieve aanpakken stoppen."),
    )

    # A national source.
    erkenning = models.CharField(
        _("erkenningsniveau"), max_length=30, choices=Erkenning, blank=True
    )
    erkenning_gecontroleerd_op = models.DateField(
        _("erkenning gecontroleerd op"), null=True, blank=True
    )

    eigenaar = models.ForeignKey(
        Expert,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kennis_in_beheer",
        help_text=_("Wie dit actueel houdt. Bij vertrek gaat het naar de opvolger."),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    inspanningen = models.ManyToManyField(
        Inspanning, verbose_name=_("inspanningen"), blank=True, related_name="kennisitems"
    )
    aanbevelingen = models.ManyToManyField(
        Aanbeveling, verbose_name=_("aanbevelingen"), blank=True, related_name="kennisitems"
    )
    organisaties = models.ManyToManyField(
        Organisatie, verbose_name=_("organisaties"), blank=True, related_name="kennisitems"
    )
    experts = models.ManyToManyField(
        Expert,
        verbose_name=_("auteurs en contactpersonen"),
        blank=True,
        related_name="kennisitems",
    )
    themas = models.ManyToManyField(
        Expertisegebied, verbose_name=_("thema's"), blank=True, related_name="kennisitems"
    )
    zichtbaarheid = models.CharField(
        _("zichtbaarheid"), max_length=10, choices=Zichtbaarheid, default=Zichtbaarheid.NETWERK
    )

    laatst_bevestigd_op = models.DateTimeField(_("laatst bevestigd op"), default=timezone.now)
    gearchiveerd_op = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True)
    vervangen_door = models.ForeignKey(
        "self",
        verbose_name=_("vervangen door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vervangt",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    # The search document and its distinct words, kept current by kennis.zoeken. Derived.
    zoekvector = SearchVectorField(editable=False, null=True)
    zoekwoorden = ArrayField(models.CharField(max_length=50), default=list, editable=False)

    objects = KennisitemQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["bijgewerkt_op", "zoekvector", "zoekwoorden"])

    class Meta:
        verbose_name = _("kennisitem")
        verbose_name_plural = _("kennisitems")
        ordering = ["-datum", "titel"]
        indexes = [
            GinIndex(fields=["zoekvector"], name="kennisitem_zoekvector_gin"),
            # newest first: the list without words, and the items beside the experts
            models.Index(fields=["-datum", "-id"], name="kennisitem_datum"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(vervangen_door=models.F("id")),
                name="kennisitem_niet_eigen_vervanger",
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("kennis:detail", args=[self.slug])

    @property
    def naam(self) -> str:  # SlugOnSaveMixin makes the slug from `naam`
        return self.titel

    def clean(self):
        self.inhoud = self.inhoud.replace("\r\n", "\n")
        if self.vervangen_door_id and self.vervangen_door_id == self.pk:
            raise ValidationError({"vervangen_door": _("Een item kan zichzelf niet vervangen.")})

    @property
    def is_gearchiveerd(self) -> bool:
        return self.gearchiveerd_op is not None

    @property
    def is_les(self) -> bool:
        return self.soort == self.Soort.LES

    @property
    def is_verouderd(self) -> bool:
        return self.laatst_bevestigd_op < timezone.now() - VEROUDERD_NA

    def zichtbaar_voor(self, user) -> bool:
        return user.is_authenticated or self.zichtbaarheid == self.Zichtbaarheid.OPENBAAR

    def is_van(self, user) -> bool:
        """The owner's account, or the account that added it while no owner is named (the rule
        of KennisitemQuerySet.van, for one item)."""
        if not user.is_authenticated:
            return False
        if self.eigenaar_id:
            return self.eigenaar.user_id == user.pk
        return self.aangemaakt_door_id == user.pk

    def kan_bewerken(self, user, inspanningen_ids=None) -> bool:
        """Its owner, the Coördinator, and Stuurgroep members for items linked to an inspanning.
        Nobody edits an archived item (the Coördinator can bring it back in the admin)."""
        if not user.is_authenticated or self.is_gearchiveerd:
            return False
        if user.is_coordinator or self.is_van(user):
            return True
        if user.is_stuurgroep:
            return (
                bool(inspanningen_ids)
                if inspanningen_ids is not None
                else self.inspanningen.exists()
            )
        return False

    def kan_archiveren(self, user) -> bool:
        """Its owner and the Coördinator."""
        return (
            not self.is_gearchiveerd
            and user.is_authenticated
            and (user.is_coordinator or self.is_van(user))
        )


class Bestand(models.Model):
    """One version of an item's file, in the database. The newest is the item's file; the
    older ones stay, each with who, when and why."""

    class Tekst(models.TextChoices):
        GELEZEN = "gelezen", _("tekst doorzocht")
        GEEN = "geen", _("geen tekst om te doorzoeken (afbeelding of werkblad)")
        ONLEESBAAR = "onleesbaar", _("de tekst kon niet worden gelezen en wordt niet doorzocht")
        AFGEKAPT = "afgekapt", _("alleen het begin van de tekst wordt doorzocht")

    item = models.ForeignKey(
        Kennisitem, verbose_name=_("kennisitem"), on_delete=models.CASCADE, related_name="bestanden"
    )
    versie = models.PositiveIntegerField(_("versie"))
    naam = models.CharField(_("bestandsnaam"), max_length=200)
    mime = models.CharField(_("soort bestand"), max_length=120)
    grootte = models.PositiveIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(max_length=64)
    inhoud = models.BinaryField(_("inhoud"))
    tekst = models.TextField(_("gevonden tekst"), blank=True, editable=False)
    tekststatus = models.CharField(_("tekst"), max_length=12, choices=Tekst)
    reden = models.CharField(_("reden"), max_length=REDEN_MAX, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("bestand")
        verbose_name_plural = _("bestanden")
        ordering = ["item", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["item", "versie"], name="bestand_versie_uniek"),
        ]

    def __str__(self):
        return f"{self.naam} (versie {self.versie})"

    def get_absolute_url(self):
        return reverse("kennis:bestand_versie", args=[self.item.slug, self.versie])
