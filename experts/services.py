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
from django.utils.translation import gettext_lazy

from experts import search
from experts.models import Expert
from gezondgewicht import beveiliging
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
            expert.gewaarschuwd_op = None
            expert.user = door
        expert._history_user = door
        expert.save()
        form.save_m2m()
    return expert


def bevestig(expert: Expert, *, door) -> None:
    """'Mijn gegevens kloppen nog': the owner confirms the profile without changing it."""
    expert.laatst_bevestigd_op = timezone.now()
    expert.gewaarschuwd_op = None
    expert._history_user = door
    expert._change_reason = "bevestigd door de eigenaar"
    expert.save(update_fields=["laatst_bevestigd_op", "gewaarschuwd_op"])


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
            _mail(expert, "herinnering")
            expert.herinnerd_op = now
            expert.save(update_fields=["herinnerd_op"])
        resultaat.append(Herinnering(expert, not dry_run))
    return resultaat


ONDERWERPEN = {
    "herinnering": gettext_lazy("Klopt uw profiel in Wie weet wat nog?"),
    "waarschuwing": gettext_lazy("Uw profiel in Wie weet wat wordt over 30 dagen verwijderd"),
}


def _mail(expert: Expert, template: str) -> None:
    """An e-mail to the expert, in plain text and HTML (escaped), from templates in
    experts/email/, with the subject from ONDERWERPEN."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "expert": expert,
            "url": settings.SITE_URL + reverse("experts:mijn_profiel"),
            "verwijderen_op": timezone.now() + WAARSCHUWING_VOORAF,
        }
        send_mail(
            subject=str(ONDERWERPEN[template]),
            message=render_to_string(f"experts/email/{template}.txt", context),
            html_message=render_to_string(f"experts/email/{template}.html", context),
            from_email=None,
            recipient_list=[expert.email],
        )


ANONIEM = "Vertrokken expert"
TWEE_JAAR = timedelta(days=730)
WAARSCHUWING_VOORAF = timedelta(days=30)


@transaction.atomic
def anonimiseer(expert: Expert, *, door=None, reden: str) -> None:
    """Remove the person from the profile and from its history. The roles in inspanningen
    stay, held by a 'Vertrokken expert', so that what was done still reads."""
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    nu = timezone.now()
    anoniem = {
        "naam": ANONIEM,
        "slug": f"vertrokken-expert-{expert.pk}",
        "email": f"verwijderd-{expert.pk}@example.invalid",
        "telefoon": "",
        "functie": "",
        "toelichting": "",
        "beschikbaar_voor": [],
        "user": None,
        "organisatie": None,
        "zichtbaarheid": Expert.Zichtbaarheid.NETWERK,
        "status": Expert.Status.VERTROKKEN,
        "laatst_bevestigd_op": None,
    }
    with search.gebundeld():
        for veld, waarde in anoniem.items():
            setattr(expert, veld, waarde)
        expert.vertrokken_op = expert.vertrokken_op or timezone.localdate()
        expert.geanonimiseerd_op = nu
        expert._history_user = door
        expert._change_reason = reden
        expert.save()
        expert.expertisegebieden.clear()
        expert.domeinen.clear()
        expert.werkgebied.clear()
    # The history keeps what changed and when, but no longer who it was about.
    anoniem_historisch = {
        k if k not in ("user", "organisatie") else f"{k}_id": v for k, v in anoniem.items()
    }
    Expert.history.filter(id=expert.pk).update(**anoniem_historisch)
    expert.betrokkenheden.filter(tot__isnull=True).update(tot=timezone.localdate())
    beveiliging.log("profiel_geanonimiseerd", door=getattr(door, "pk", "-"), expert=expert.pk)


def anonimiseer_verouderd(*, dry_run: bool = False, now=None) -> tuple[list[Expert], list[Expert]]:
    """Profiles unconfirmed for two years: a warning e-mail 30 days before, then anonymised
    if still unconfirmed. Returns (warned, anonymised)."""
    now = now or timezone.now()
    levend = Expert.objects.filter(geanonimiseerd_op__isnull=True).met_peildatum()
    te_waarschuwen = list(
        levend.filter(
            bevestigd_of_aangemaakt__lt=now - (TWEE_JAAR - WAARSCHUWING_VOORAF),
            gewaarschuwd_op__isnull=True,
        ).order_by("naam", "pk")
    )
    te_anonimiseren = list(
        levend.filter(
            bevestigd_of_aangemaakt__lt=now - TWEE_JAAR,
            gewaarschuwd_op__lte=now - WAARSCHUWING_VOORAF,
        ).order_by("naam", "pk")
    )
    if not dry_run:
        for expert in te_waarschuwen:
            _mail(expert, "waarschuwing")
            expert.gewaarschuwd_op = now
            expert.save(update_fields=["gewaarschuwd_op"])
        for expert in te_anonimiseren:
            anonimiseer(expert, reden="twee jaar niet bevestigd")
    return te_waarschuwen, te_anonimiseren


def mijn_gegevens(user) -> dict:
    """Everything the app holds about this person, history included (the AVG's right of
    access); `json.dumps(…, cls=DjangoJSONEncoder)` writes it."""
    from allauth.account.models import EmailAddress
    from django.forms.models import model_to_dict

    expert = Expert.objects.filter(user=user).first()
    geschiedenis_velden = ["history_id", "history_date", "history_type", "history_change_reason"]

    def rij(obj, velden=None):
        data = model_to_dict(obj, fields=velden)
        data.pop("zoekvector", None)
        data.pop("zoektekst", None)
        return data

    gegevens = {
        "gemaakt_op": timezone.now(),
        "account": {
            "email": user.email,
            "naam": user.naam,
            "aangemaakt_op": user.date_joined,
            "laatst_ingelogd_op": user.last_login,
            "rollen": sorted(user.groups.values_list("name", flat=True)),
            "e-mailadressen": list(
                EmailAddress.objects.filter(user=user).values("email", "verified")
            ),
        },
        "profiel": None,
    }
    if expert is not None:
        profiel = rij(expert)
        profiel.update(
            organisatie=str(expert.organisatie or ""),
            expertisegebieden=[g.naam for g in expert.expertisegebieden.all()],
            domeinen=[d.naam for d in expert.domeinen.all()],
            werkgebied=[g.naam for g in expert.werkgebied.all()],
        )
        gegevens["profiel"] = profiel
        gegevens["profielgeschiedenis"] = [
            {**rij(h), **{k: getattr(h, k) for k in geschiedenis_velden}}
            for h in expert.history.order_by("history_date")
        ]
        gegevens["rollen_in_inspanningen"] = [
            {**rij(b), "inspanning": str(b.inspanning)}
            for b in expert.betrokkenheden.select_related("inspanning")
        ]
        gegevens["rollengeschiedenis"] = [
            {**rij(h), **{k: getattr(h, k) for k in geschiedenis_velden}}
            for h in Betrokkenheid.history.filter(expert_id=expert.pk).order_by("history_date")
        ]
    gegevens["wijzigingen_door_u"] = _wijzigingen_door(user)
    return gegevens


def _wijzigingen_door(user) -> list[dict]:
    """The audit rows that name this person as the one who made a change."""
    from simple_history.models import registered_models

    rijen = []
    for model in registered_models.values():
        for h in model.history.filter(history_user=user).order_by("history_date"):
            rijen.append(
                {
                    "wat": model._meta.verbose_name,
                    "object": str(h.instance)[:200],
                    "op": h.history_date,
                    "soort": h.get_history_type_display(),
                    "reden": h.history_change_reason,
                }
            )
    return rijen
