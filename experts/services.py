"""Writes that span several rows: saving a profile with its search document, linking an
account, the handover when someone leaves, and the reminders for stale profiles."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from experts import search
from experts.models import Expert
from inspanningen.models import Betrokkenheid

HERINNER_INTERVAL = timedelta(days=30)


class ActieGeweigerd(Exception):
    """A business rule refused the action; the message is shown to the user as it is."""


@transaction.atomic
def bewaar_profiel(form, *, door, door_eigenaar: bool) -> Expert:
    """Save a profile form. Its owner saving it also confirms it is current."""
    with search.gebundeld():
        expert = form.save(commit=False)
        if door_eigenaar:
            expert.laatst_bevestigd_op = timezone.now()
            expert.user = door
        expert._history_user = door
        expert.save()
        form.save_m2m()
    return expert


def bevestig(expert: Expert, *, door) -> None:
    """'Mijn gegevens kloppen nog': the owner confirms the profile without changing it."""
    expert.laatst_bevestigd_op = timezone.now()
    expert._history_user = door
    expert._change_reason = "bevestigd door de eigenaar"
    expert.save(update_fields=["laatst_bevestigd_op"])


def koppel_account(user) -> Expert | None:
    """Link an account to the expert with the same e-mail address, if neither is linked yet."""
    if not user.email or Expert.objects.filter(user=user).exists():
        return None
    expert = Expert.objects.filter(email__iexact=user.email, user__isnull=True).first()
    if expert is None:
        return None
    expert.user = user
    expert._history_user = user
    expert._change_reason = "gekoppeld aan account bij inloggen"
    expert.save(update_fields=["user"])
    return expert


@dataclass
class Overdracht:
    betrokkenheid: Betrokkenheid
    opvolger: Expert
    notitie: str


@transaction.atomic
def vertrek(
    *, expert: Expert, op: date, opvolger: Expert | None, overdrachten: list[Overdracht], door
) -> list[Betrokkenheid]:
    """Record that `expert` left on `op`. Each of their current roles ends that day and goes,
    with its handover note, to the successor named for it. Returns the successors' new roles."""
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    if expert.is_vertrokken:
        raise ActieGeweigerd(_("%(naam)s is al als vertrokken vastgelegd.") % {"naam": expert.naam})
    lopend = {b.pk: b for b in expert.betrokkenheden.lopend().select_related("inspanning")}
    if set(lopend) != {o.betrokkenheid.pk for o in overdrachten}:
        raise ActieGeweigerd(_("Geef voor elke lopende rol een opvolger."))
    for o in overdrachten:
        if o.opvolger.pk == expert.pk or o.opvolger.is_vertrokken:
            raise ActieGeweigerd(
                _("Kies als opvolger iemand anders die nog actief is (%(rol)s).")
                % {"rol": o.betrokkenheid.inspanning}
            )
        if o.betrokkenheid.sinds and o.betrokkenheid.sinds > op:
            raise ActieGeweigerd(
                _("De vertrekdatum ligt vóór het begin van de rol bij %(inspanning)s (%(sinds)s).")
                % {"inspanning": o.betrokkenheid.inspanning, "sinds": o.betrokkenheid.sinds}
            )
    nieuw = []
    for o in overdrachten:
        oud = lopend[o.betrokkenheid.pk]
        oud.tot = op
        oud._history_user = door
        oud._change_reason = "overgedragen bij vertrek"
        oud.save(update_fields=["tot"])
        rol = Betrokkenheid(
            inspanning=oud.inspanning,
            expert=o.opvolger,
            rol=oud.rol,
            sinds=op,
            overdrachtsnotitie=o.notitie.strip(),
            overgenomen_van=oud,
        )
        rol._history_user = door
        rol.full_clean()
        rol.save()
        nieuw.append(rol)
    expert.status = Expert.Status.VERTROKKEN
    expert.vertrokken_op = op
    expert.opvolger = opvolger or (overdrachten[0].opvolger if overdrachten else None)
    expert._history_user = door
    expert._change_reason = "vertrokken"
    expert.save()
    return nieuw


@dataclass
class Herinnering:
    expert: Expert
    verzonden: bool


def herinner_verouderd(*, dry_run: bool = False, now=None) -> list[Herinnering]:
    """E-mail the owners of stale profiles, at most once every 30 days per person."""
    now = now or timezone.now()
    experts = (
        Expert.objects.actief()
        .verouderd(now)
        .exclude(herinnerd_op__gte=now - HERINNER_INTERVAL)
        .exclude(email="")
        .order_by("naam", "pk")
    )
    resultaat = []
    for expert in experts:
        if not dry_run:
            _stuur_herinnering(expert)
            expert.herinnerd_op = now
            expert.save(update_fields=["herinnerd_op"])
        resultaat.append(Herinnering(expert, not dry_run))
    return resultaat


def _stuur_herinnering(expert: Expert) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "expert": expert,
            "url": settings.SITE_URL + reverse("experts:mijn_profiel"),
        }
        send_mail(
            subject=_("Klopt uw profiel in Wie weet wat nog?"),
            message=render_to_string("experts/email/herinnering.txt", context),
            from_email=None,
            recipient_list=[expert.email],
        )
