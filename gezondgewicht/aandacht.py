"""'Wat vraagt mijn aandacht': what needs this person now, by role, each with the place where
it is done. A fixed number of queries, whatever the size of the data."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Func, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Uitnodiging
from experts import services as experts_services
from experts.models import Expert
from inspanningen.models import Betrokkenheid, Inspanning, Ronde
from kennis.models import Kennisitem

RECENT = timedelta(days=30)


@dataclass
class Aandacht:
    # The round in progress, with `aantal` and `te_beoordelen`; in a joint round, for a member,
    # `eigen_open`: the cells they have not scored yet.
    ronde: Ronde | None = None
    is_stuurgroep: bool = False
    is_coordinator: bool = False
    verouderd: int = 0
    te_herinneren: int = 0
    uitnodigingen_open: int = 0
    uitnodigingen_verlopen: int = 0
    zonder_actieve: list = field(default_factory=list)  # (inspanning, role label)
    overdrachten: list = field(default_factory=list)
    expert: Expert | None = None
    heeft_profiel: bool = True
    rollen: list = field(default_factory=list)
    financiering_loopt_af: list = field(default_factory=list)
    kennis_verouderd: int = 0

    @property
    def ronde_voor_mij(self) -> bool:
        """The stuurgroep reviews an open round with cells left; the coordinator follows any
        round in progress."""
        if self.ronde is None:
            return False
        if self.ronde.is_samen:  # a member's turn: their own scores, then the meeting
            return self.is_coordinator or (
                self.is_stuurgroep
                and (
                    self.ronde.status == Ronde.Status.BESPREKING
                    or (self.ronde.status == Ronde.Status.OPEN and bool(self.ronde.eigen_open))
                )
            )
        return self.is_coordinator or (
            self.is_stuurgroep
            and self.ronde.status == Ronde.Status.OPEN
            and bool(self.ronde.te_beoordelen)
        )

    @property
    def maanden_niet_bevestigd(self) -> int:
        peildatum = self.expert.peildatum
        nu = timezone.now()
        return (nu.year - peildatum.year) * 12 + nu.month - peildatum.month

    @property
    def is_leeg(self) -> bool:
        return not (
            self.ronde_voor_mij
            or self.verouderd
            or self.uitnodigingen_open
            or self.uitnodigingen_verlopen
            or self.zonder_actieve
            or self.overdrachten
            or (self.expert and self.expert.is_verouderd)
            or not self.heeft_profiel
            or self.rollen
            or self.financiering_loopt_af
            or self.kennis_verouderd
        )


def voor(user) -> Aandacht:
    if not user.is_authenticated:
        return Aandacht()
    a = Aandacht(is_stuurgroep=user.is_stuurgroep, is_coordinator=user.is_coordinator)
    if a.is_coordinator or a.is_stuurgroep:
        a.ronde = Ronde.objects.in_uitvoering()
        if a.ronde is not None and a.ronde.is_samen and a.is_stuurgroep:
            a.ronde.eigen_open = (
                a.ronde.aantal - a.ronde.scores.filter(beoordelingen__beoordelaar=user).count()
            )
    if a.is_coordinator:
        nu = timezone.now()
        tellingen = (
            Expert.objects.actief()
            .verouderd(nu)
            .aggregate(
                verouderd=Count("pk"),
                te_herinneren=Count(
                    "pk", filter=Q(pk__in=experts_services.te_herinneren(nu).values("pk"))
                ),
            )
        )
        a.verouderd, a.te_herinneren = tellingen["verouderd"], tellingen["te_herinneren"]
        uitnodigingen = Uitnodiging.objects.filter(gebruikt_op__isnull=True).aggregate(
            open=Count("pk", filter=Q(verloopt_op__gt=nu)),
            verlopen=Count("pk", filter=Q(verloopt_op__lte=nu)),
        )
        a.uitnodigingen_open = uitnodigingen["open"]
        a.uitnodigingen_verlopen = uitnodigingen["verlopen"]
        vacant = list(Betrokkenheid.objects.zonder_actieve()[:20])
        # One query for the inspanningen of the vacant roles and those whose funding runs out.
        inspanningen = {
            i.pk: i
            for i in Inspanning.objects.met_loopt_af().filter(
                Q(pk__in={r["inspanning_id"] for r in vacant})
                | Q(pk__in=Inspanning.objects.financiering_loopt_af().values("pk"))
            )
        }
        a.financiering_loopt_af = sorted(
            (i for i in inspanningen.values() if i.loopt_af),
            key=lambda i: (i.financiering_tot, i.nummer),
        )
        a.zonder_actieve = [
            (inspanningen[r["inspanning_id"]], Betrokkenheid.Rol(r["rol"]).label) for r in vacant
        ]
        a.overdrachten = list(
            Betrokkenheid.objects.filter(
                overgenomen_van__isnull=False, sinds__gte=timezone.localdate() - RECENT
            )
            .select_related("expert", "inspanning", "overgenomen_van__expert")
            .order_by("-sinds", "inspanning__nummer")[:10]
        )
    verouderd = (
        Kennisitem.objects.actueel()
        .verouderd()
        .van(user)
        .order_by()
        .annotate(n=Func("pk", function="COUNT"))
        .values("n")
    )
    a.expert = (
        Expert.objects.filter(user=user)
        .defer("zoekvector")
        .annotate(kennis_verouderd=Coalesce(Subquery(verouderd), 0))
        .first()
    )
    a.heeft_profiel = a.expert is not None
    if a.expert is not None:
        a.kennis_verouderd = a.expert.kennis_verouderd
        a.rollen = list(
            a.expert.betrokkenheden.lopend()
            .select_related("inspanning")
            .order_by("inspanning__nummer", "rol")
        )
    return a
