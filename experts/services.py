"""Writes that span several rows: saving a profile with its search document, linking an
account, the reminders for stale profiles, and anonymising a profile."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core import security_log
from core.history import history_rows, vergeet_in_beheerlog
from core.mail import Ontvanger, absolute_url, stuur
from core.text import normalise_email
from experts import search, signals
from experts.models import Expert

HERINNER_INTERVAL = timedelta(days=30)


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
    """Link an account to the expert with the same e-mail address, if neither is linked yet:
    only on the exact normalised address, and only once the account's owner has confirmed it."""
    from allauth.account.models import EmailAddress

    email = normalise_email(user.email)
    if not email or Expert.objects.filter(user=user).exists():
        return None
    if not EmailAddress.objects.filter(user=user, email=email, verified=True).exists():
        return None
    expert = Expert.objects.filter(email=email, user__isnull=True).first()
    if expert is None:
        return None
    expert.user = user
    expert._history_user = user
    expert._change_reason = "gekoppeld aan account bij inloggen"
    expert.save(update_fields=["user"])
    return expert


@dataclass
class Herinnering:
    expert: Expert
    verzonden: bool


def te_herinneren(now=None):
    """Owners of stale profiles who may get a reminder now: at most once every 30 days."""
    now = now or timezone.now()
    return (
        Expert.objects.actief()
        .verouderd(now)
        .exclude(herinnerd_op__gte=now - HERINNER_INTERVAL)
        .exclude(email="")
    )


@transaction.atomic
def herinner_verouderd(*, dry_run: bool = False, now=None) -> list[Herinnering]:
    """E-mail the owners of stale profiles, at most once every 30 days per person (the
    command herinner_verouderde_profielen and the button 'Herinner nu'). Each one is claimed
    first (a second click at the same time skips them), and marked reminded only when the mail
    went out: while the mail server is down, the next try reaches them."""
    now = now or timezone.now()
    experts = list(
        te_herinneren(now)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("user")
        .order_by("naam", "pk")
    )
    verzonden = set() if dry_run else _mail(experts, "herinnering")
    Expert.objects.filter(pk__in=verzonden).update(herinnerd_op=now)
    return [Herinnering(expert, expert.pk in verzonden) for expert in experts]


ONDERWERPEN = {
    "herinnering": gettext_lazy("Klopt uw profiel in Wie weet wat nog?"),
    "waarschuwing": gettext_lazy("Uw profiel in Wie weet wat wordt over 30 dagen verwijderd"),
}


def _mail(experts: list[Expert], template: str) -> set[int]:
    """An e-mail to each expert from the templates in experts/email/, with the subject from
    ONDERWERPEN, in the language of their account (Dutch without one), over one connection;
    returns the pks of the experts it reached."""
    per_adres = {expert.email: expert for expert in experts}
    verzonden = stuur(
        [
            Ontvanger(e.email, getattr(e.user, "taal", ""), context={"expert": e})
            for e in per_adres.values()
        ],
        onderwerp=ONDERWERPEN[template],
        template=f"experts/email/{template}",
        context={
            "url": absolute_url(reverse("experts:mijn_profiel")),
            "verwijderen_op": timezone.now() + WAARSCHUWING_VOORAF,
        },
    )
    return {per_adres[o.email].pk for o in verzonden}


ANONIEM = "Vertrokken expert"
TWEE_JAAR = timedelta(days=730)
WAARSCHUWING_VOORAF = timedelta(days=30)


@transaction.atomic
def anonimiseer(expert: Expert, *, door=None, reden: str) -> None:
    """Remove the person from the profile and from its history. Whatever the person did stays,
    done by a 'Vertrokken expert': `signals.geanonimiseerd` lets the apps that keep such work
    (the roles in inspanningen) close it."""
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
    vergeet_in_beheerlog(expert)
    signals.geanonimiseerd.send(sender=Expert, expert=expert, door=door)
    security_log.log("profiel_geanonimiseerd", door=getattr(door, "pk", "-"), expert=expert.pk)


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
        # Only who was warned is anonymised 30 days later; the others are warned on the next run.
        gewaarschuwd = _mail(te_waarschuwen, "waarschuwing")
        Expert.objects.filter(pk__in=gewaarschuwd).update(gewaarschuwd_op=now)
        for expert in te_anonimiseren:
            anonimiseer(expert, reden="twee jaar niet bevestigd")
    return te_waarschuwen, te_anonimiseren


def mijn_gegevens(user) -> dict:
    """The account and the profile of this person, with the profile's history, for the AVG data
    download (gezondgewicht.views.mijn_gegevens adds what the other apps hold)."""
    from allauth.account.models import EmailAddress

    expert = Expert.objects.filter(user=user).first()
    gegevens = {
        "gemaakt_op": timezone.now(),
        "account": {
            "email": user.email,
            "naam": user.naam,
            "aangemaakt_op": user.date_joined,
            "laatst_ingelogd_op": user.last_login,
            "rollen": sorted(user.groups.values_list("name", flat=True)),
            "taal_van_e-mails": user.taal,
            "herinneringen_voor_een_deadline": user.mail_herinneringen,
            "bericht_als_een_ronde_is_vastgesteld": user.mail_vastgesteld,
            "perspectief_in_de_stuurgroep": user.get_perspectief_display(),
            "e-mailadressen": list(
                EmailAddress.objects.filter(user=user).values("email", "verified")
            ),
        },
        "profiel": None,
    }
    if expert is not None:
        profiel = model_to_dict(expert)
        profiel.update(
            organisatie=str(expert.organisatie or ""),
            expertisegebieden=[g.naam for g in expert.expertisegebieden.all()],
            domeinen=[d.naam for d in expert.domeinen.all()],
            werkgebied=[g.naam for g in expert.werkgebied.all()],
        )
        gegevens["profiel"] = profiel
        gegevens["profielgeschiedenis"] = history_rows(expert.history.order_by("history_date"))
    return gegevens
