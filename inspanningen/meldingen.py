"""Who hears what about rounds and handovers. Each message goes out through core.mail, in the
recipient's language, after the change itself has been saved (the callers send it once the
service's transaction is done), and names nothing the recipient could not see in the app."""

from collections import defaultdict
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import roles
from core.mail import Ontvanger, absolute_url, stuur
from inspanningen.models import Beoordeling, Betrokkenheid, Ronde
from inspanningen.services import te_beoordelen

HERINNER_VOORAF = timedelta(days=7)


def _ontvangers(*rollen: str, **voorkeur) -> list[Ontvanger]:
    users = get_user_model().objects.met_rol(*rollen).filter(**voorkeur).order_by("pk")
    return [Ontvanger.van(u) for u in users]


def _ronde_context(ronde: Ronde) -> dict:
    return {
        "ronde": ronde,
        "te_beoordelen": te_beoordelen(ronde).count(),
        "aantal": ronde.scores.count(),
        # A member of a joint round scores on their own page; otherwise the shared edit page.
        "bewerken_url": absolute_url(
            reverse(
                "inspanningen:scoren" if ronde.is_samen else "inspanningen:matrix_bewerken",
                args=[ronde.jaar],
            )
        ),
        "matrix_url": absolute_url(reverse("inspanningen:matrix_jaar", args=[ronde.jaar])),
        "account_url": absolute_url(reverse("accounts:mijn_account")),
        "verslag_url": absolute_url(reverse("inspanningen:verslag", args=[ronde.jaar])),
    }


def ronde_geopend(ronde: Ronde) -> int:
    """To every stuurgroep member: the round is open (again) for them to review. A joint round
    reopens into its bespreking, where nobody scores: no message then."""
    if ronde.status != Ronde.Status.OPEN:
        return 0
    return len(
        stuur(
            _ontvangers(roles.STUURGROEP),
            onderwerp=lambda c: (
                _("Ronde %(jaar)s staat open voor herbeoordeling") % {"jaar": ronde.jaar}
            ),
            template="inspanningen/email/ronde_geopend",
            context=_ronde_context(ronde),
        )
    )


def ronde_vastgesteld(ronde: Ronde, *, door=None, reden: str = "") -> int:
    """To the stuurgroep and the coordinators who want it (not to who finalised it), with the
    reason given for finalising with cells left."""
    ontvangers = [
        o
        for o in _ontvangers(roles.STUURGROEP, roles.COORDINATOR, mail_vastgesteld=True)
        if door is None or o.email != door.email
    ]
    vorige = Ronde.objects.vastgesteld().filter(jaar__lt=ronde.jaar).order_by("-jaar").first()
    vergelijk = reverse("inspanningen:vergelijk")
    return len(
        stuur(
            ontvangers,
            onderwerp=lambda c: _("Ronde %(jaar)s is vastgesteld") % {"jaar": ronde.jaar},
            template="inspanningen/email/ronde_vastgesteld",
            context={
                **_ronde_context(ronde),
                "reden": reden,
                "vergelijk_url": absolute_url(f"{vergelijk}?van={vorige.jaar}&naar={ronde.jaar}")
                if vorige
                else "",
            },
        )
    )


def herinner_deadlines(vandaag=None) -> list[tuple[Ronde, int]]:
    """A week before an open round's deadline, while cells are still to review: one reminder
    to the stuurgroep members who want it. Safe to run daily: each round is reminded once per
    deadline (a new deadline gets a new reminder)."""
    vandaag = vandaag or timezone.localdate()
    verstuurd = []
    for ronde in Ronde.objects.filter(
        status=Ronde.Status.OPEN,
        herinnerd_op__isnull=True,
        deadline__gte=vandaag,
        deadline__lte=vandaag + HERINNER_VOORAF,
    ).order_by("jaar"):
        context = _ronde_context(ronde)
        if not context["te_beoordelen"]:
            continue
        ontvangers = _ontvangers(roles.STUURGROEP, mail_herinneringen=True)
        if ronde.is_samen:
            # In a joint round each member hears about the cells they have not scored
            # themselves; who scored them all hears nothing.
            gescoord = dict(
                Beoordeling.objects.filter(score__ronde=ronde)
                .values_list("beoordelaar__email")
                .annotate(n=Count("pk"))
            )
            ontvangers = [
                Ontvanger(o.email, o.taal, context={"te_beoordelen": open_cellen})
                for o in ontvangers
                if (open_cellen := context["aantal"] - gescoord.get(o.email, 0))
            ]
        n = len(
            stuur(
                ontvangers,
                onderwerp=lambda c: (
                    _("Herinnering: ronde %(jaar)s sluit op %(datum)s")
                    % {"jaar": c["ronde"].jaar, "datum": date_format(c["ronde"].deadline, "j F Y")}
                ),
                template="inspanningen/email/herinnering_deadline",
                context=context,
            )
        )
        if n or not ontvangers:
            # Done once it reached someone; while the mail server is down, tomorrow's run
            # tries again rather than losing the reminder.
            Ronde.objects.filter(pk=ronde.pk).update(herinnerd_op=vandaag)
        verstuurd.append((ronde, n))
    return verstuurd


def overdracht(nieuwe_rollen: list[Betrokkenheid], *, vertrokken) -> int:
    """To each successor: the roles they took over from `vertrokken`, with the handover notes
    (one connection for all of them)."""
    per_opvolger = defaultdict(list)
    for rol in nieuwe_rollen:
        per_opvolger[rol.expert].append(rol)
    ontvangers = [
        Ontvanger(
            opvolger.email,
            getattr(opvolger.user, "taal", ""),
            context={
                "opvolger": opvolger,
                "rollen": [
                    (
                        rol,
                        absolute_url(reverse("inspanningen:detail", args=[rol.inspanning.nummer])),
                    )
                    for rol in rollen
                ],
            },
        )
        for opvolger, rollen in per_opvolger.items()
    ]
    return len(
        stuur(
            ontvangers,
            onderwerp=lambda c: _("U neemt rollen over van %(naam)s") % {"naam": vertrokken.naam},
            template="inspanningen/email/overdracht",
            context={"vertrokken": vertrokken},
        )
    )


def verslag_ontvangers(door):
    """The coalition: every active account but the sender's."""
    return get_user_model().objects.filter(is_active=True).exclude(pk=door.pk)


def verslag(ronde: Ronde, *, door) -> int:
    """The coordinator sends the report of a finalised joint round to the coalition: every
    active account, each in their own language, with the link (the report needs a login)."""
    ontvangers = [Ontvanger.van(u) for u in verslag_ontvangers(door).order_by("pk")]
    return len(
        stuur(
            ontvangers,
            onderwerp=lambda c: _("Verslag van ronde %(jaar)s") % {"jaar": ronde.jaar},
            template="inspanningen/email/verslag",
            context={**_ronde_context(ronde), "door": door},
        )
    )
