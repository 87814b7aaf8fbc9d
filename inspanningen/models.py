from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Perspectief
from core.fields import ChoiceArrayField, LimitedTextField
from core.text import SlugOnSaveMixin
from experts.models import Expert, Expertisegebied, Organisatie

JAAR_MIN, JAAR_MAX = 2000, 2100
TOELICHTING_MAX = 2000
REDEN_MAX = 500
OVERDRACHT_MAX = 3000


class Niveau(models.TextChoices):
    """How strongly a recommendation is present in an effort, as in the report's legend."""

    STERK = "sterk", _("sterk aanwezig")
    DEELS = "deels", _("deels of indirect aanwezig")
    NAUWELIJKS = "nauwelijks", _("(nog) nauwelijks aanwezig")
    ONBEKEND = "onbekend", _("nog niet bekend")

    @property
    def symbool(self) -> str:
        return {"sterk": "●", "deels": "◐", "nauwelijks": "○", "onbekend": "–"}[self.value]


class RondeVastgesteld(ValidationError):
    """A finalised round is never changed: not by a page, the admin, save() or update()."""

    def __init__(self, message=None):
        super().__init__(
            message or _("Deze ronde is vastgesteld en kan niet meer worden gewijzigd."),
            code="vastgesteld",
        )


class Aanbeveling(models.Model):
    nummer = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    korte_naam = models.CharField(_("korte naam"), max_length=80)
    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = LimitedTextField(_("beschrijving"), max_length=5000)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    gearchiveerd = models.BooleanField(
        _("gearchiveerd"),
        default=False,
        help_text=_("Gearchiveerde aanbevelingen komen niet meer in nieuwe rondes."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aanbeveling")
        verbose_name_plural = _("aanbevelingen")
        ordering = ["volgorde", "nummer"]

    def __str__(self):
        return f"{self.nummer}. {self.korte_naam}"


LOOPT_AF_BINNEN_DAGEN = 365  # temporary funding that ends within a year is flagged


class InspanningQuerySet(models.QuerySet):
    def financiering_loopt_af(self, op=None):
        """Lopende efforts on temporary funding that ends within a year (or has ended)."""
        op = op or timezone.localdate()
        return self.filter(
            gearchiveerd=False,
            financiering_aard=Inspanning.Financieringsaard.TIJDELIJK,
            financiering_tot__isnull=False,
            financiering_tot__lte=op + timedelta(days=LOOPT_AF_BINNEN_DAGEN),
        ).exclude(status__in=[Inspanning.Status.AFGEROND, Inspanning.Status.GESTOPT])

    def met_loopt_af(self):
        """Each with `loopt_af`: financiering_loopt_af()'s rule, in the same query."""
        binnenkort = Inspanning.objects.financiering_loopt_af().filter(pk=models.OuterRef("pk"))
        return self.annotate(loopt_af=models.Exists(binnenkort))


class Inspanning(SlugOnSaveMixin, models.Model):
    class Status(models.TextChoices):
        VERKENNEND = "verkennend", _("Verkennend")
        IN_VOORBEREIDING = "in_voorbereiding", _("In voorbereiding")
        LOPEND = "lopend", _("Lopend")
        AFGEROND = "afgerond", _("Afgerond")
        GESTOPT = "gestopt", _("Gestopt")

    class Financieringsbron(models.TextChoices):
        GALA = "gala", "GALA"
        IZA = "iza", "IZA"
        AZWA = "azwa", "AZWA"
        SPUK = "spuk", "SPUK"
        REGIODEAL = "regiodeal", "Regiodeal"
        GEMEENTE = "gemeente", _("Gemeentelijk")
        ZORGVERZEKERAAR = "zorgverzekeraar", _("Zorgverzekeraar")
        OVERIG = "overig", _("Overig")

    class Financieringsaard(models.TextChoices):
        STRUCTUREEL = "structureel", _("Structureel")
        TIJDELIJK = "tijdelijk", _("Tijdelijk")

    nummer = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    omschrijving = LimitedTextField(_("omschrijving"), blank=True, max_length=5000)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.LOPEND)
    organisaties = models.ManyToManyField(
        Organisatie, verbose_name=_("organisaties"), blank=True, related_name="inspanningen"
    )
    expertisegebieden = models.ManyToManyField(
        Expertisegebied,
        verbose_name=_("thema's"),
        blank=True,
        related_name="inspanningen",
        help_text=_("De expertisegebieden waar deze inspanning over gaat."),
    )
    financiering_bronnen = ChoiceArrayField(
        models.CharField(max_length=20, choices=Financieringsbron),
        verbose_name=_("financiering: bronnen"),
        blank=True,
        default=list,
    )
    financiering_aard = models.CharField(
        _("financiering: structureel of tijdelijk"),
        max_length=12,
        choices=Financieringsaard,
        blank=True,
        help_text=_("Leeg: nog niet bekend."),
    )
    financiering_tot = models.DateField(
        _("financiering: einddatum"),
        null=True,
        blank=True,
        help_text=_("Tot wanneer tijdelijke middelen lopen."),
    )
    financiering_toelichting = LimitedTextField(
        _("financiering: toelichting"), blank=True, max_length=1000
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    gearchiveerd = models.BooleanField(
        _("gearchiveerd"),
        default=False,
        help_text=_("Gearchiveerde inspanningen komen niet meer in nieuwe rondes."),
    )

    objects = InspanningQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspanning")
        verbose_name_plural = _("inspanningen")
        ordering = ["volgorde", "nummer"]

    def __str__(self):
        return f"{self.nummer}. {self.naam}"

    def clean(self):
        if self.financiering_tot and self.financiering_aard == self.Financieringsaard.STRUCTUREEL:
            raise ValidationError(
                {"financiering_tot": _("Structurele financiering heeft geen einddatum.")}
            )

    @property
    def financiering_afgelopen(self) -> bool:
        return bool(self.financiering_tot) and self.financiering_tot < timezone.localdate()

    def financiering_bronnen_labels(self) -> list[str]:
        return [str(self.Financieringsbron(b).label) for b in self.financiering_bronnen]


class BetrokkenheidQuerySet(models.QuerySet):
    def lopend(self, op=None):
        """Roles that have not ended: no end date, or one after `op` (a role ends on `tot`)."""
        op = op or timezone.localdate()
        return self.filter(models.Q(tot__isnull=True) | models.Q(tot__gt=op))

    def zonder_actieve(self):
        """(inspanning_id, rol) of the current roles that no active person holds any more: the
        people in them all left, without handing over."""
        return (
            self.lopend()
            .values("inspanning_id", "rol")
            .annotate(
                actief=models.Count("pk", filter=models.Q(expert__status=Expert.Status.ACTIEF))
            )
            .filter(actief=0)
            .order_by("inspanning__volgorde", "inspanning__nummer", "rol")
        )


class Betrokkenheid(models.Model):
    class Rol(models.TextChoices):
        TREKKER = "trekker", _("Trekker")
        PROJECTLEIDER = "projectleider", _("Projectleider")
        WERKGROEPLID = "werkgroeplid", _("Werkgroeplid")
        CONTACTPERSOON = "contactpersoon", _("Contactpersoon")

    inspanning = models.ForeignKey(
        Inspanning,
        verbose_name=_("inspanning"),
        on_delete=models.CASCADE,
        related_name="betrokkenheden",
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="betrokkenheden"
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol)
    sinds = models.DateField(_("sinds"), null=True, blank=True)
    tot = models.DateField(_("tot"), null=True, blank=True)
    overdrachtsnotitie = LimitedTextField(
        _("overdrachtsnotitie"), blank=True, max_length=OVERDRACHT_MAX
    )
    overgenomen_van = models.ForeignKey(
        "self",
        verbose_name=_("overgenomen van"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="overgedragen_aan",
        help_text=_("De rol van de vertrokken expert die deze persoon heeft overgenomen."),
    )

    objects = BetrokkenheidQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        ordering = ["inspanning__nummer", "rol", "expert__naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tot__isnull=True)
                | models.Q(sinds__isnull=True)
                | models.Q(tot__gte=models.F("sinds")),
                name="betrokkenheid_tot_na_sinds",
            ),
        ]

    def __str__(self):
        return f"{self.expert} – {self.get_rol_display()} – {self.inspanning}"


VASTGESTELD = "vastgesteld"


class RondeQuerySet(models.QuerySet):
    def vastgesteld(self):
        return self.filter(status=VASTGESTELD)

    def zichtbaar_voor(self, user):
        """Finalised rounds are public; concept and open rounds need a login."""
        return self if user.is_authenticated else self.vastgesteld()

    def in_uitvoering(self) -> "Ronde | None":
        """The round in progress, with `aantal` cells, how many are `beoordeeld` and how many
        still `te_beoordelen` (one query): the round the banner and the attention page point
        to. An open round or one in its bespreking comes first (a newer concept must not hide
        what the stuurgroep is working on), then the newest concept."""
        te_beoordelen = models.Q(scores__beoordelingsstatus="te_beoordelen")
        return (
            self.exclude(status=VASTGESTELD)
            .annotate(
                aantal=models.Count("scores"),
                te_beoordelen=models.Count("scores", filter=te_beoordelen),
                beoordeeld=models.Count("scores", filter=~te_beoordelen),
            )
            .order_by(
                models.Case(models.When(status__in=["open", "bespreking"], then=0), default=1),
                "-jaar",
            )
            .first()
        )

    def status_onder_slot(self, pk: int) -> str | None:
        """The round's status, read FOR SHARE: it cannot change until this transaction ends
        (Django's select_for_update has no shared mode)."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT status FROM inspanningen_ronde WHERE id = %s FOR SHARE", [pk])
            rij = cursor.fetchone()
        return rij[0] if rij else None

    def update(self, **kwargs):
        if self.filter(status=VASTGESTELD).exists():
            raise RondeVastgesteld()
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=VASTGESTELD).exists():
            raise RondeVastgesteld()
        return super().delete()


class Ronde(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        OPEN = "open", _("Open")
        BESPREKING = "bespreking", _("Bespreking")
        VASTGESTELD = VASTGESTELD, _("Vastgesteld")

    class Werkwijze(models.TextChoices):
        DIRECT = "direct", _("Direct: de cellen worden samen in één matrix bijgewerkt")
        SAMEN = (
            "samen",
            _("Samen beoordelen: ieder lid scoort eerst zelf, de bespreking stelt vast"),
        )

    class Weergave(models.TextChoices):
        ANONIEM = "anoniem", _("Anoniem: bij een score staat alleen het perspectief")
        OPEN = "open", _("Open: bij een score staan naam en perspectief")

    jaar = models.PositiveSmallIntegerField(
        _("jaar"),
        unique=True,
        validators=[MinValueValidator(JAAR_MIN), MaxValueValidator(JAAR_MAX)],
    )
    titel = models.CharField(_("titel"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.CONCEPT)
    gebaseerd_op = models.ForeignKey(
        "self",
        verbose_name=_("gebaseerd op"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervolgrondes",
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgesteld door"),
        on_delete=models.PROTECT,  # an account named here is anonymised, never deleted
        null=True,
        blank=True,
        related_name="+",
    )
    toelichting = LimitedTextField(_("toelichting"), blank=True, max_length=5000)
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("De datum waarop de stuurgroep klaar moet zijn met beoordelen."),
    )
    herinnerd_op = models.DateField(
        _("herinnering verstuurd op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Wanneer de stuurgroep de herinnering voor de deadline kreeg."),
    )
    werkwijze = models.CharField(
        _("werkwijze"), max_length=10, choices=Werkwijze, default=Werkwijze.DIRECT
    )
    weergave = models.CharField(
        _("namen bij individuele scores"),
        max_length=10,
        choices=Weergave,
        default=Weergave.ANONIEM,
        help_text=_("Een anonieme ronde kan nooit meer open worden."),
    )
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorzitter van de bespreking"),
        on_delete=models.PROTECT,  # an account named here is anonymised, never deleted
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Stelt naast de coördinator in de bespreking de cellen vast."),
    )
    namen = models.JSONField(
        _("namen bij vaststellen"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "De namen van de inspanningen en aanbevelingen zoals ze waren toen de ronde werd "
            "vastgesteld."
        ),
    )

    objects = RondeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ronde")
        verbose_name_plural = _("rondes")
        ordering = ["-jaar"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(jaar__gte=JAAR_MIN, jaar__lte=JAAR_MAX),
                name="ronde_jaar_2000_2100",
            ),
        ]

    def __str__(self):
        return f"{self.jaar} – {self.titel}"

    def save(self, *args, **kwargs):
        stored = Ronde.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        heropend = self.Status.BESPREKING if self.is_samen else self.Status.OPEN
        if stored == VASTGESTELD and not (
            self.status == heropend and getattr(self, "_change_reason", "")
        ):
            # The one way out of 'vastgesteld' is reopening, with a reason kept in the history.
            raise RondeVastgesteld()
        self.controleer_weergave()
        if self.status == VASTGESTELD and stored != VASTGESTELD:
            self.namen = self.huidige_namen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Ronde.objects.filter(pk=self.pk, status=VASTGESTELD).exists():
            raise RondeVastgesteld()
        return super().delete(*args, **kwargs)

    @property
    def is_vastgesteld(self) -> bool:
        return self.status == self.Status.VASTGESTELD

    def zichtbaar_voor(self, user) -> bool:
        """RondeQuerySet.zichtbaar_voor's rule, for one round: finalised rounds are public."""
        return self.is_vastgesteld or user.is_authenticated

    def huidige_namen(self) -> dict:
        """The names of the round's inspanningen and aanbevelingen as they are now: what a
        round keeps when it is finalised, so that it shows itself as it was."""
        namen = {"inspanningen": {}, "aanbevelingen": {}}
        for score in self.scores.select_related("inspanning", "aanbeveling") if self.pk else ():
            namen["inspanningen"][str(score.inspanning_id)] = score.inspanning.naam
            namen["aanbevelingen"][str(score.aanbeveling_id)] = score.aanbeveling.korte_naam
        return namen

    def naam_in_ronde(self, obj) -> tuple[str, str]:
        """(the name this round shows, the name now if it changed since): a finalised round
        keeps the name an inspanning or aanbeveling had when it was finalised."""
        soort = "inspanningen" if isinstance(obj, Inspanning) else "aanbevelingen"
        nu = obj.naam if soort == "inspanningen" else obj.korte_naam
        toen = self.namen.get(soort, {}).get(str(obj.pk)) if self.is_vastgesteld else None
        return (toen, nu) if toen and toen != nu else (nu, "")

    def controleer_weergave(self) -> None:
        """An anonymous round never becomes open: its members scored on that promise (the
        database refuses it too, migration 0012). A form shows it at the field."""
        if (
            self.pk
            and self.weergave != self.Weergave.ANONIEM
            and Ronde.objects.filter(pk=self.pk, weergave=self.Weergave.ANONIEM).exists()
        ):
            raise ValidationError(
                {
                    "weergave": _(
                        "Een anonieme ronde kan niet meer open worden: de leden scoorden anoniem."
                    )
                },
                code="anoniem",
            )

    def clean(self):
        self.controleer_weergave()

    @property
    def is_samen(self) -> bool:
        return self.werkwijze == self.Werkwijze.SAMEN

    @property
    def is_anoniem(self) -> bool:
        return self.weergave == self.Weergave.ANONIEM

    def kan_bewerken(self, user) -> bool:
        """Who sets the official cells. A direct round: the Coördinator while it is not
        finalised, the Stuurgroep while it is open. A round scored together: only its meeting,
        the Coördinator or the chair they named (before it, the cells stay as copied, so the
        meeting settles every one of them)."""
        if not user.is_authenticated or self.is_vastgesteld:
            return False
        if self.is_samen:
            return self.status == self.Status.BESPREKING and self.mag_voorzitten(user)
        return user.is_coordinator or (user.is_stuurgroep and self.status == self.Status.OPEN)

    def mag_voorzitten(self, user) -> bool:
        """The coordinator, or the chair they named while that person is in the stuurgroep."""
        return user.is_authenticated and (
            user.is_coordinator or (user.is_stuurgroep and user.pk == self.voorzitter_id)
        )

    def kan_scoren(self, user) -> bool:
        """A stuurgroep member gives their own scores while a joint round is open."""
        return (
            self.is_samen
            and self.status == self.Status.OPEN
            and user.is_authenticated
            and user.is_stuurgroep
        )

    @property
    def scores_openbaar(self) -> bool:
        """Past the scoring phase every member sees every individual score."""
        return self.status in {self.Status.BESPREKING, self.Status.VASTGESTELD}


class ScoreQuerySet(models.QuerySet):
    def _refuse_vastgesteld(self):
        if self.filter(ronde__status=VASTGESTELD).exists():
            raise RondeVastgesteld()

    def update(self, **kwargs):
        self._refuse_vastgesteld()
        if "ronde" in kwargs or "ronde_id" in kwargs:
            target = kwargs.get("ronde_id", getattr(kwargs.get("ronde"), "pk", None))
            if Ronde.objects.filter(pk=target, status=VASTGESTELD).exists():
                raise RondeVastgesteld()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_vastgesteld()
        return super().delete()

    def bulk_update(self, objs, fields, batch_size=None):
        objs = list(objs)
        targets = Ronde.objects.filter(
            models.Q(pk__in={o.ronde_id for o in objs})
            | models.Q(scores__pk__in=[o.pk for o in objs])
        )
        if targets.filter(
            status=VASTGESTELD
        ).exists():  # checked before bulk_update opens its transaction
            raise RondeVastgesteld()
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        if Ronde.objects.filter(pk__in={o.ronde_id for o in objs}, status=VASTGESTELD).exists():
            raise RondeVastgesteld()
        return super().bulk_create(objs, *args, **kwargs)


class Score(models.Model):
    Niveau = Niveau

    class Beoordelingsstatus(models.TextChoices):
        TE_BEOORDELEN = "te_beoordelen", _("te beoordelen")
        BEVESTIGD = "bevestigd", _("bevestigd")
        GEWIJZIGD = "gewijzigd", _("gewijzigd")

    ronde = models.ForeignKey(
        Ronde, verbose_name=_("ronde"), on_delete=models.CASCADE, related_name="scores"
    )
    inspanning = models.ForeignKey(
        Inspanning, verbose_name=_("inspanning"), on_delete=models.PROTECT, related_name="scores"
    )
    aanbeveling = models.ForeignKey(
        Aanbeveling, verbose_name=_("aanbeveling"), on_delete=models.PROTECT, related_name="scores"
    )
    niveau = models.CharField(_("niveau"), max_length=10, choices=Niveau, default=Niveau.ONBEKEND)
    toelichting = LimitedTextField(_("toelichting"), blank=True, max_length=TOELICHTING_MAX)
    minderheidsstandpunt = LimitedTextField(
        _("minderheidsstandpunt"),
        blank=True,
        max_length=TOELICHTING_MAX,
        help_text=_(
            "Waar de meningen in de bespreking uiteen bleven: het standpunt van wie anders oordeelde."
        ),
    )
    beoordelingsstatus = models.CharField(
        _("beoordelingsstatus"),
        max_length=15,
        choices=Beoordelingsstatus,
        default=Beoordelingsstatus.TE_BEOORDELEN,
    )
    versie = models.PositiveIntegerField(_("versie"), default=1)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bijgewerkt door"),
        on_delete=models.PROTECT,  # an account named here is anonymised, never deleted
        null=True,
        blank=True,
        related_name="+",
    )
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = ScoreQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["bijgewerkt_op"])

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["ronde", "inspanning", "aanbeveling"], name="score_een_per_cel"
            ),
            models.CheckConstraint(
                condition=models.Q(niveau__in=Niveau.values),
                name="score_niveau_geldig",
            ),
        ]

    def __str__(self):
        return (
            f"{self.ronde.jaar}: {self.inspanning.nummer}×{self.aanbeveling.nummer} {self.niveau}"
        )

    def save(self, *args, **kwargs):
        # Neither the round it is in, nor (when moved) the round it was in, may be finalised.
        stored = models.Q(scores__pk=self.pk) if self.pk else models.Q(pk__in=[])
        if Ronde.objects.filter(models.Q(pk=self.ronde_id) | stored, status=VASTGESTELD).exists():
            raise RondeVastgesteld()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Ronde.objects.filter(pk=self.ronde_id, status=VASTGESTELD).exists():
            raise RondeVastgesteld()
        return super().delete(*args, **kwargs)

    def clean(self):
        # A form error, not a 500, where a form (the admin's) offers a finalised round.
        if self.ronde_id and Ronde.objects.filter(pk=self.ronde_id, status=VASTGESTELD).exists():
            raise ValidationError({"ronde": RondeVastgesteld().messages})

    def nieuwe_versie(self, *, door, status: str = Beoordelingsstatus.GEWIJZIGD) -> None:
        """A save by `door`: the next version (so no one's later save overwrites it unseen),
        changed or confirmed. Every place that saves a score goes through here."""
        self.versie += 1
        self.beoordelingsstatus = status
        self.bijgewerkt_door = door
        self._history_user = door

    @property
    def symbool(self) -> str:
        return Niveau(self.niveau).symbool

    @property
    def is_beoordeeld(self) -> bool:
        return self.beoordelingsstatus != self.Beoordelingsstatus.TE_BEOORDELEN


class BeoordelingQuerySet(models.QuerySet):
    def _refuse_vastgesteld(self):
        if self.filter(score__ronde__status=VASTGESTELD).exists():
            raise RondeVastgesteld()

    def update(self, **kwargs):
        self._refuse_vastgesteld()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_vastgesteld()
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        if Score.objects.filter(
            pk__in={o.score_id for o in objs}, ronde__status=VASTGESTELD
        ).exists():
            raise RondeVastgesteld()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        objs = list(objs)
        self.model.objects.filter(pk__in=[o.pk for o in objs])._refuse_vastgesteld()
        if Score.objects.filter(
            pk__in={o.score_id for o in objs}, ronde__status=VASTGESTELD
        ).exists():
            raise RondeVastgesteld()
        return super().bulk_update(objs, fields, batch_size=batch_size)


class Beoordeling(models.Model):
    """One stuurgroep member's own score of one cell in a round scored together. Personal
    data: the member's name shows only in an open round; the perspective is kept with the
    score, so it stays when the account is anonymised."""

    Niveau = Niveau

    score = models.ForeignKey(
        Score, verbose_name=_("cel"), on_delete=models.CASCADE, related_name="beoordelingen"
    )
    beoordelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordelaar"),
        on_delete=models.PROTECT,  # an account named here is anonymised, never deleted
        related_name="beoordelingen",
    )
    perspectief = models.CharField(_("perspectief"), max_length=12, choices=Perspectief, blank=True)
    niveau = models.CharField(_("niveau"), max_length=10, choices=Niveau)
    reden = LimitedTextField(_("reden"), blank=True, max_length=REDEN_MAX)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = BeoordelingQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["bijgewerkt_op"])

    class Meta:
        verbose_name = _("individuele score")
        verbose_name_plural = _("individuele scores")
        constraints = [
            models.UniqueConstraint(
                fields=["score", "beoordelaar"], name="beoordeling_een_per_lid_per_cel"
            ),
            models.CheckConstraint(
                condition=models.Q(niveau__in=Niveau.values), name="beoordeling_niveau_geldig"
            ),
        ]

    def __str__(self):
        return f"{self.score}: {self.niveau}"

    def save(self, *args, **kwargs):
        stored = models.Q(scores__beoordelingen__pk=self.pk) if self.pk else models.Q(pk__in=[])
        if Ronde.objects.filter(
            models.Q(scores__pk=self.score_id) | stored, status=VASTGESTELD
        ).exists():
            raise RondeVastgesteld()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Ronde.objects.filter(scores__pk=self.score_id, status=VASTGESTELD).exists():
            raise RondeVastgesteld()
        return super().delete(*args, **kwargs)

    def clean(self):
        if (
            self.score_id
            and Score.objects.filter(pk=self.score_id, ronde__status=VASTGESTELD).exists()
        ):
            raise ValidationError({"score": RondeVastgesteld().messages})


class VerslagVerzending(models.Model):
    """The coordinator sent a finalised joint round's report to the coalition: when, by whom,
    to how many accounts. A record, so that a second send is a choice, not an accident."""

    ronde = models.ForeignKey(
        Ronde, verbose_name=_("ronde"), on_delete=models.CASCADE, related_name="verzendingen"
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,  # an account named here is anonymised, never deleted
        related_name="+",
    )
    op = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
    aantal = models.PositiveIntegerField(_("aantal ontvangers"))

    class Meta:
        verbose_name = _("verzending van een verslag")
        verbose_name_plural = _("verzendingen van verslagen")
        ordering = ["-op"]

    def __str__(self):
        return f"{self.ronde.jaar}: {self.op:%Y-%m-%d %H:%M}, {self.aantal}"
