from collections import defaultdict
from dataclasses import dataclass
from functools import partial, wraps

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.access import require_coordinator
from core import aanvullingen, security_log
from core.access import LoginRequired, edit_page, require_login
from core.csv_import import csv_upload
from core.exceptions import ActionRefused, GeenToegang
from core.forms import XLSX_TYPE
from core.templatetags.core import ter_plaatse
from experts import search
from experts.models import Expert, Expertisegebied
from experts.views import get_bewerkbare_expert
from inspanningen import matrix as matrix_lib
from inspanningen import meldingen, samen, services, uitwisseling
from inspanningen.forms import (
    DossierForm,
    NieuweRondeForm,
    RolOverdrachtFormSet,
    ScoreFormSet,
    StatusForm,
    VergelijkForm,
    VertrekForm,
)
from inspanningen.models import Aanbeveling, Betrokkenheid, Inspanning, Ronde, Score

ALLEEN_TE_BEOORDELEN = "te_beoordelen"
GELUKT = {
    "openen": gettext_lazy("Ronde %(jaar)s is geopend."),
    "vaststellen": gettext_lazy("Ronde %(jaar)s is vastgesteld."),
    "heropenen": gettext_lazy("Ronde %(jaar)s is heropend."),
    "bespreken": gettext_lazy(
        "Ronde %(jaar)s is in bespreking: de individuele scores zijn nu voor alle leden zichtbaar."
    ),
}


def _get_ronde(request, jaar: int) -> Ronde:
    """The round of `jaar`: 404 when there is none; a login first for a concept or open round."""
    ronde = get_object_or_404(
        Ronde.objects.select_related("vastgesteld_door", "gebaseerd_op"), jaar=jaar
    )
    if not ronde.zichtbaar_voor(request.user):
        raise LoginRequired()
    return ronde


class RondeIsVastgesteld(Exception):
    """Someone who could edit the round if it were not finalised opened its edit page."""

    def __init__(self, ronde: Ronde):
        self.ronde = ronde


class RondeIsSamen(Exception):
    """A round scored together has no shared edit page or import: its meeting sets the cells."""

    def __init__(self, ronde: Ronde):
        self.ronde = ronde


def _get_bewerkbare_ronde(request, jaar: int) -> Ronde:
    """The round, if this user may edit it now; 403 when they may see it but not change it."""
    require_login(request)
    ronde = _get_ronde(request, jaar)
    if ronde.is_samen:
        raise RondeIsSamen(ronde)
    if ronde.is_vastgesteld and (request.user.is_coordinator or request.user.is_stuurgroep):
        raise RondeIsVastgesteld(ronde)
    if not ronde.kan_bewerken(request.user):
        raise GeenToegang(_("U mag deze ronde niet bewerken."))
    return ronde


def bewerkbare_ronde(view):
    """For the pages that change a round: a finalised round gets a page that says so (and
    offers the coordinator to reopen it) instead of the edit page, with status 403; a round
    scored together sends to its meeting."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except RondeIsSamen as exc:
            messages.info(
                request,
                _(
                    "Ronde %(jaar)s wordt samen beoordeeld: de cellen worden vastgesteld in de "
                    "bespreking."
                )
                % {"jaar": exc.ronde.jaar},
            )
            return redirect("inspanningen:bespreking", jaar=exc.ronde.jaar)
        except RondeIsVastgesteld as exc:
            return render(
                request, "inspanningen/ronde_is_vastgesteld.html", {"ronde": exc.ronde}, status=403
            )

    return wrapper


def _zichtbare_rondes(request):
    return Ronde.objects.zichtbaar_voor(request.user)


def matrix(request, jaar: int | None = None):
    if jaar is None:
        # The matrix is the latest finalised round; a round in progress has its own address.
        ronde = Ronde.objects.vastgesteld().order_by("-jaar").first()
        if ronde is None:
            return render(request, "inspanningen/matrix.html", {"ronde": None})
    else:
        ronde = _get_ronde(request, jaar)
    rondes = list(_zichtbare_rondes(request).order_by("-jaar").values_list("jaar", "status"))
    vorige = next((j for j, _status in rondes if j < ronde.jaar), None)
    return render(
        request,
        "inspanningen/matrix.html",
        {
            "ronde": ronde,
            "matrix": matrix_lib.bouw_matrix(ronde, user=request.user),
            "rondes": [j for j, _status in rondes],
            "vastgesteld": next((j for j, st in rondes if st == Ronde.Status.VASTGESTELD), None),
            "vorige": vorige,
            "kan_bewerken": ronde.kan_bewerken(request.user),
            "niveaus": matrix_lib.NIVEAUS,
        },
    )


def _score_initial(score: Score, **extra) -> dict:
    return {
        "score_id": score.pk,
        "versie": score.versie,
        "niveau": score.niveau,
        "toelichting": score.toelichting,
        # "klopt nog" is ticked for a confirmed cell, not for a changed one
        "bevestigd": score.beoordelingsstatus == Score.Beoordelingsstatus.BEVESTIGD,
        **extra,
    }


@dataclass
class Cel:
    form: object
    score: Score
    vorige: Score | None  # the same cell in the round this one is based on
    conflict: Score | None  # the stored version, when someone else saved it meanwhile


def naar_inspanning(cellen, groepen) -> list[dict]:
    """The 'Naar een inspanning' list above a long worksheet (the edit page, the scoring page):
    per inspanning, how many of its cells are done, and whether it is on the page to jump to.
    `cellen`: (inspanning, done) per cell; `groepen`: the page's (inspanning, cells)."""
    op_de_pagina = {inspanning.pk for inspanning, _cellen in groepen}
    rijen = {}
    for inspanning, klaar in cellen:
        rij = rijen.setdefault(
            inspanning.pk,
            {"inspanning": inspanning, "klaar": 0, "totaal": 0, "getoond": False},
        )
        rij["totaal"] += 1
        rij["klaar"] += bool(klaar)
        rij["getoond"] = inspanning.pk in op_de_pagina
    return sorted(rijen.values(), key=lambda r: (r["inspanning"].volgorde, r["inspanning"].nummer))


def _groepeer(formset, scores: dict, conflicten: dict, vorige: dict):
    """The cells grouped per inspanning, each with its form, previous score and any conflict."""
    groepen = defaultdict(list)
    for form in formset.forms:
        try:
            score = scores[int(form["score_id"].value())]
        except (KeyError, TypeError, ValueError):
            continue  # a tampered id: the formset's own error says so, and nothing is saved
        form.context_label = _("Cel %(cel)s") % {
            "cel": f"{score.inspanning.nummer}×{score.aanbeveling.nummer}"
        }
        groepen[score.inspanning].append(
            Cel(
                form,
                score,
                vorige.get((score.inspanning_id, score.aanbeveling_id)),
                conflicten.get(score.pk),
            )
        )
    return sorted(groepen.items(), key=lambda item: (item[0].volgorde, item[0].nummer))


def _naar(request, nummers: set[int]) -> str:
    """The inspanning whose save button was pressed, if it is one of this round's."""
    naar = request.POST.get("naar", "")
    return naar if naar.isdigit() and int(naar) in nummers else ""


@edit_page
@bewerkbare_ronde
def matrix_bewerken(request, jaar: int):
    ronde = _get_bewerkbare_ronde(request, jaar)
    alleen = request.GET.get("alleen") == ALLEEN_TE_BEOORDELEN
    alle_scores = list(matrix_lib.scores_van(ronde))
    scores = {s.pk: s for s in alle_scores}
    vorige = {}
    if ronde.gebaseerd_op_id:
        vorige = {
            (s.inspanning_id, s.aanbeveling_id): s
            for s in Score.objects.filter(ronde_id=ronde.gebaseerd_op_id)
        }
    zichtbaar = [s for s in alle_scores if not (alleen and s.is_beoordeeld)]
    zichtbaar.sort(
        key=lambda s: (
            s.inspanning.volgorde,
            s.inspanning.nummer,
            s.aanbeveling.volgorde,
            s.aanbeveling.nummer,
        )
    )
    conflicten = {}
    if request.method == "POST":
        formset = ScoreFormSet(request.POST, scores=scores)
        if formset.is_valid():
            invoer = [
                services.ScoreInvoer(
                    score_id=f.cleaned_data["score_id"],
                    versie=f.cleaned_data["versie"],
                    niveau=f.cleaned_data["niveau"],
                    toelichting=f.cleaned_data["toelichting"],
                    bevestigd=f.cleaned_data["bevestigd"],
                )
                for f in formset.forms
                if f.cleaned_data.get("keuze") != "hun"
            ]
            resultaat = services.bewaar_scores(ronde=ronde, invoer=invoer, door=request.user)
            opgeslagen = len(resultaat.opgeslagen)
            if not resultaat.conflicten:
                # Back where the user was: the inspanning's anchor, with the message there;
                # at the top when that inspanning is no longer shown ("alleen te beoordelen").
                naar = _naar(request, {s.inspanning.nummer for s in alle_scores})
                if (
                    naar
                    and alleen
                    and not matrix_lib.scores_van(ronde)
                    .filter(
                        inspanning__nummer=naar,
                        beoordelingsstatus=Score.Beoordelingsstatus.TE_BEOORDELEN,
                    )
                    .exists()
                ):
                    naar = ""
                tags = ter_plaatse(naar) if naar else ""
                if opgeslagen:
                    messages.success(
                        request,
                        ngettext("%(n)s cel opgeslagen.", "%(n)s cellen opgeslagen.", opgeslagen)
                        % {"n": opgeslagen},
                        extra_tags=tags,
                    )
                elif any(f.cleaned_data.get("keuze") == "hun" for f in formset.forms):
                    messages.info(
                        request,
                        _("De opgeslagen versie is behouden; van u is niets opgeslagen."),
                        extra_tags=tags,
                    )
                else:
                    messages.info(
                        request,
                        _("Er was niets gewijzigd; er is niets opgeslagen."),
                        extra_tags=tags,
                    )
                return redirect(request.get_full_path() + (f"#inspanning-{naar}" if naar else ""))
            # Show fresh values, but for each conflict the user's own version next to the stored
            # one: the cells saved or in conflict read again, with what the page shows of them.
            eigen = {i.score_id: i for i, _score in resultaat.conflicten}
            vers = matrix_lib.scores_van(ronde).filter(
                pk__in=[s.pk for s in resultaat.opgeslagen] + list(eigen)
            )
            scores.update({s.pk: s for s in vers})
            conflicten = {pk: scores[pk] for pk in eigen}
            zichtbaar = [scores[f.cleaned_data["score_id"]] for f in formset.forms]
            initial = []
            for s in zichtbaar:
                if s.pk in eigen:
                    mijn = eigen[s.pk]
                    initial.append(
                        _score_initial(
                            s,
                            niveau=mijn.niveau,
                            toelichting=mijn.toelichting,
                            bevestigd=mijn.bevestigd,
                            conflict=True,
                        )
                    )
                else:
                    initial.append(_score_initial(s))
            formset = ScoreFormSet(initial=initial, scores=scores)
            messages.warning(
                request,
                ngettext(
                    "%(n)s cel is intussen door iemand anders gewijzigd en is niet overschreven. Kies hieronder welke versie u bewaart.",
                    "%(n)s cellen zijn intussen door iemand anders gewijzigd en zijn niet overschreven. Kies hieronder per cel welke versie u bewaart.",
                    len(conflicten),
                )
                % {"n": len(conflicten)}
                + (
                    " "
                    + ngettext(
                        "Uw andere wijziging (%(n)s cel) is opgeslagen.",
                        "Uw andere wijzigingen (%(n)s cellen) zijn opgeslagen.",
                        opgeslagen,
                    )
                    % {"n": opgeslagen}
                    if opgeslagen
                    else ""
                ),
            )
        else:
            # A conflict the user has not settled yet stays on the page, with its stored version.
            for f in formset.forms:
                score = scores.get(getattr(f, "cleaned_data", {}).get("score_id"))
                if score is not None and f.cleaned_data.get("conflict"):
                    conflicten[score.pk] = score
    else:
        formset = ScoreFormSet(initial=[_score_initial(s) for s in zichtbaar], scores=scores)
    beoordeeld = sum(1 for s in scores.values() if s.is_beoordeeld)
    groepen = _groepeer(formset, scores, conflicten, vorige)
    return render(
        request,
        "inspanningen/matrix_bewerken.html",
        {
            "ronde": ronde,
            "form": formset,
            "groepen": groepen,
            "naar_inspanning": naar_inspanning(
                ((s.inspanning, s.is_beoordeeld) for s in scores.values()), groepen
            ),
            "alleen": alleen,
            "aantal": len(scores),
            "beoordeeld": beoordeeld,
            "conflicten": conflicten,
        },
        status=400 if formset.is_bound and not formset.is_valid() else 200,
    )


def _in_woorden(change) -> tuple[str, str, str]:
    """A change of a cell as the page says it: the field's name and the choices' labels, not
    their codes ('Niveau: sterk aanwezig → deels of indirect aanwezig')."""
    veld = Score._meta.get_field(change.field)
    labels = dict(veld.choices or ())
    status = capfirst if change.field == "beoordelingsstatus" else str  # as the badges read
    return (
        capfirst(veld.verbose_name),
        status(labels.get(change.old, change.old)),
        status(labels.get(change.new, change.new)),
    )


@login_required
def score_history(request, jaar: int, pk: int):
    ronde = _get_ronde(request, jaar)
    score = get_object_or_404(
        Score.objects.select_related("inspanning", "aanbeveling"), ronde=ronde, pk=pk
    )
    records = list(
        score.history.select_related("history_user").order_by("history_date", "history_id")
    )
    regels = []
    vorige = None
    for record in records:
        wijzigingen = []
        if vorige is not None:
            delta = record.diff_against(
                vorige, included_fields=["niveau", "toelichting", "beoordelingsstatus"]
            )
            wijzigingen = [_in_woorden(c) for c in delta.changes]
        regels.append((record, wijzigingen))
        vorige = record
    regels.reverse()
    return render(
        request,
        "inspanningen/score_history.html",
        {"ronde": ronde, "score": score, "regels": regels},
    )


def rondes(request):
    lijst = list(
        _zichtbare_rondes(request)
        .select_related("vastgesteld_door", "gebaseerd_op")
        .annotate(
            aantal=Count("scores"),
            beoordeeld=Count(
                "scores",
                filter=~Q(scores__beoordelingsstatus=Score.Beoordelingsstatus.TE_BEOORDELEN),
            ),
        )
        .order_by("-jaar")
    )
    geschiedenis = defaultdict(list)
    for record in (
        Ronde.history.filter(id__in=[r.pk for r in lijst], history_change_reason__isnull=False)
        .select_related("history_user")
        .order_by("-history_date")
    ):
        geschiedenis[record.id].append(record)
    for ronde in lijst:
        ronde.status_history = geschiedenis[ronde.pk]
        ronde.bewerkbaar = ronde.kan_bewerken(request.user)
        laatste = ronde.status_history[0] if ronde.status_history else None
        ronde.reden = services.eigen_reden(laatste.history_change_reason if laatste else "")
        ronde.verwijderbaar = services.kan_verwijderen(ronde)  # no query unless a concept
        # Per member of a joint round in progress, how many cells they scored (counts only;
        # for the coordinator, as a member's perspective could say who scored anonymously).
        ronde.voortgang = (
            samen.voortgang(ronde)
            if ronde.is_samen
            and ronde.status in {Ronde.Status.OPEN, Ronde.Status.BESPREKING}
            and request.user.is_authenticated
            and request.user.is_coordinator
            else None
        )
    return render(
        request,
        "inspanningen/rondes.html",
        {
            "rondes": lijst,
            "nieuw_form": NieuweRondeForm()
            if request.user.is_authenticated and request.user.is_coordinator
            else None,
        },
    )


@edit_page
def ronde_nieuw(request):
    if request.method != "POST":  # the form is on Rondes (a language switch comes back here)
        return redirect(reverse("inspanningen:rondes") + "#nieuwe-ronde")
    require_coordinator(request)
    form = NieuweRondeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            ronde = services.nieuwe_ronde(
                jaar=data["jaar"],
                titel=data["titel"],
                deadline=data["deadline"],
                ondanks_onvoltooid=data["ondanks"],
                werkwijze=data["werkwijze"],
                weergave=data["weergave"],
                door=request.user,
            )
        except services.OnvoltooideRonde as exc:
            # Nothing is made: first a page that names the unfinished round and what is copied.
            basis = services.basis_voor(data["jaar"])
            return render(
                request,
                "inspanningen/ronde_nieuw_bevestigen.html",
                {
                    "form": NieuweRondeForm(initial={**data, "ondanks": exc.ronde.pk}),
                    "jaar": data["jaar"],
                    "onvoltooid": exc.ronde,
                    "onvoltooid_open": services.te_beoordelen(exc.ronde).count(),
                    "basis": basis,
                    "basis_open": services.te_beoordelen(basis).count() if basis else 0,
                    "basis_aantal": basis.scores.count() if basis else 0,
                },
            )
        except ActionRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                ngettext(
                    "Ronde %(jaar)s is gestart als concept, met %(n)s cel om te beoordelen.",
                    "Ronde %(jaar)s is gestart als concept, met %(n)s cellen om te beoordelen.",
                    n := ronde.scores.count(),
                )
                % {"jaar": ronde.jaar, "n": n},
            )
            return redirect("inspanningen:rondes")
    return render(request, "inspanningen/ronde_nieuw.html", {"form": form}, status=400)


@edit_page
def ronde_verwijderen(request, jaar: int):
    require_coordinator(request)
    ronde = _get_ronde(request, jaar)
    if request.method == "POST":
        try:
            services.verwijder_ronde(ronde=ronde, door=request.user)
        except ActionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Ronde %(jaar)s is verwijderd.") % {"jaar": jaar})
        return redirect("inspanningen:rondes")
    return render(
        request,
        "inspanningen/ronde_verwijderen.html",
        {
            "ronde": ronde,
            "kan": services.kan_verwijderen(ronde),
            "aantal": ronde.scores.count(),
        },
    )


def _vraagt_wachtwoord(request) -> bool:
    """Finalising and reopening a round ask the coordinator for their password again."""
    actie = request.resolver_match.kwargs.get("actie")
    return (
        request.user.is_authenticated
        and request.user.is_coordinator
        and actie
        in {
            "vaststellen",
            "heropenen",
        }
    )


@edit_page
@reauthentication_required(enabled=_vraagt_wachtwoord)
def ronde_status(request, jaar: int, actie: str):
    require_coordinator(request)
    ronde = _get_ronde(request, jaar)
    if actie not in services.ACTIES:
        raise Http404
    try:
        van_tot = services.overgang(ronde, actie)
    except ActionRefused as exc:
        messages.error(request, str(exc))
        return redirect("inspanningen:rondes")
    open_cellen = (
        list(services.te_beoordelen(ronde))
        if actie == "vaststellen" and ronde.status == van_tot[0]
        else []
    )
    # Closing the scoring: who has not scored every cell yet (counts only, as on Rondes).
    nog_bezig = samen.nog_bezig(ronde) if actie == "bespreken" else []
    form = StatusForm(
        request.POST if request.method == "POST" else None,
        actie=actie,
        ronde=ronde,
        open_cellen=len(open_cellen),
        nog_bezig=len(nog_bezig),
    )
    if request.method == "POST" and form.is_valid():
        wijziging = {
            k: form.cleaned_data[k]
            for k in ("reden", "ondanks_open", "deadline")
            if k in form.fields
        }
        try:
            ronde = services.wijzig_status(ronde=ronde, actie=actie, door=request.user, **wijziging)
        except ActionRefused as exc:
            messages.error(request, str(exc))
            ronde.refresh_from_db(fields=["status"])  # as it is now, not as this request read it
            if actie in {"vaststellen", "bespreken"} and ronde.status == van_tot[0]:
                return redirect(request.get_full_path())  # show what is left again
        else:
            messages.success(request, GELUKT[actie] % {"jaar": jaar})
            if actie in {"openen", "heropenen"}:
                meldingen.ronde_geopend(ronde)
            elif actie == "vaststellen":
                meldingen.ronde_vastgesteld(
                    ronde, door=request.user, reden=form.cleaned_data.get("reden", "")
                )
        return redirect("inspanningen:rondes")
    per_aanbeveling = defaultdict(list)
    for score in open_cellen:
        per_aanbeveling[score.aanbeveling].append(score)
    return render(
        request,
        "inspanningen/ronde_status.html",
        {
            "ronde": ronde,
            "actie": actie,
            "form": form,
            "van_tot": van_tot,
            "open_per_aanbeveling": list(per_aanbeveling.items()),
            "open_cellen": len(open_cellen),
            "nog_bezig": nog_bezig,
            "aantal_cellen": ronde.scores.count() if nog_bezig else 0,
            "voor_deadline": bool(ronde.deadline) and ronde.deadline >= timezone.localdate(),
        },
        status=400 if form.errors else 200,
    )


def vergelijk(request):
    jaren = list(_zichtbare_rondes(request).order_by("-jaar").values_list("jaar", flat=True))
    data = request.GET if "van" in request.GET or "naar" in request.GET else None
    if data is None and len(jaren) >= 2:
        data = {"van": jaren[1], "naar": jaren[0], "alleen": request.GET.get("alleen", "")}
    form = VergelijkForm(data, jaren=jaren)
    vergelijking = None
    if data is not None and form.is_valid():
        rondes = {
            r.jaar: r
            for r in _zichtbare_rondes(request).filter(
                jaar__in=[form.cleaned_data["van"], form.cleaned_data["naar"]]
            )
        }
        vergelijking = matrix_lib.vergelijk(
            rondes[form.cleaned_data["van"]], rondes[form.cleaned_data["naar"]], request.user
        )
    elif data is not None and not request.user.is_authenticated:
        gevraagd = [v for v in (data.get("van"), data.get("naar")) if str(v).isdigit()]
        if any(not r.zichtbaar_voor(request.user) for r in Ronde.objects.filter(jaar__in=gevraagd)):
            raise LoginRequired()
    # 'Toon alleen de wijzigingen': the grid leaves out the rows without any change.
    alleen = vergelijking is not None and form.cleaned_data["alleen"]
    rijen = []
    if vergelijking is not None:
        rijen = vergelijking.rijen_met_wijziging if alleen else vergelijking.rijen
    return render(
        request,
        "inspanningen/vergelijk.html",
        {
            "form": form,
            "vergelijking": vergelijking,
            "alleen": alleen,
            "rijen": rijen,
            "niveaus": matrix_lib.NIVEAUS,
            "jaren": jaren,
        },
    )


def export_csv(request, jaar: int):
    ronde = _get_ronde(request, jaar)
    security_log.log("export", request, wat="matrix-csv", jaar=ronde.jaar)
    response = HttpResponse(
        uitwisseling.export_csv(ronde).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="matrix-{ronde.jaar}.csv"'
    return response


def xlsx_download(inhoud: bytes, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


def export_xlsx(request, jaar: int):
    ronde = _get_ronde(request, jaar)
    security_log.log("export", request, wat="matrix-xlsx", jaar=ronde.jaar)
    return xlsx_download(uitwisseling.export_xlsx(ronde, request.user), f"matrix-{ronde.jaar}.xlsx")


@edit_page
@bewerkbare_ronde
def importeren(request, jaar: int):
    require_coordinator(request)
    ronde = _get_bewerkbare_ronde(request, jaar)
    upload = csv_upload(
        request,
        header=uitwisseling.CSV_HEADER,
        max_bytes=uitwisseling.MAX_UPLOAD,
        excel=True,
        importer=partial(uitwisseling.importeer_scores, ronde=ronde, door=request.user),
    )
    if upload.result is not None:
        messages.success(request, upload.result.samenvatting())
        return redirect("inspanningen:matrix_jaar", jaar=ronde.jaar)
    return render(
        request,
        "inspanningen/importeren.html",
        {
            "ronde": ronde,
            "form": upload.form,
            "fouten_import": upload.errors,
            "niveaus": matrix_lib.NIVEAUS,
        },
        status=upload.status,
    )


def inspanningen_lijst(request):
    lijst = Inspanning.objects.prefetch_related("organisaties").order_by(
        "gearchiveerd", "volgorde", "nummer"
    )
    return render(request, "inspanningen/inspanningen.html", {"inspanningen": lijst})


def inspanning_detail(request, nummer: int):
    inspanning = get_object_or_404(
        Inspanning.objects.met_loopt_af().prefetch_related("organisaties", "expertisegebieden"),
        nummer=nummer,
    )
    scores = list(
        Score.objects.filter(
            inspanning=inspanning, ronde__in=_zichtbare_rondes(request)
        ).select_related("ronde", "aanbeveling")
    )
    aanbevelingen = matrix_lib.op_volgorde({s.aanbeveling for s in scores})
    per_ronde = defaultdict(dict)
    for s in scores:
        per_ronde[s.ronde][s.aanbeveling_id] = s
    rijen = [
        (ronde, [per_ronde[ronde].get(a.pk) for a in aanbevelingen])
        for ronde in sorted(per_ronde, key=lambda r: -r.jaar)
    ]
    context = {
        "inspanning": inspanning,
        "aanbevelingen": aanbevelingen,
        "rijen": rijen,
        "aanvullingen": aanvullingen.voor(aanvullingen.INSPANNING, request, inspanning=inspanning),
    }
    if request.user.is_authenticated:
        context.update(_mensen(inspanning))
    return render(request, "inspanningen/inspanning.html", context)


@edit_page
def dossier_bewerken(request, nummer: int):
    """The coordinator keeps an inspanning's description, status and funding."""
    require_coordinator(request)
    inspanning = get_object_or_404(Inspanning, nummer=nummer)
    form = DossierForm(request.POST or None, instance=inspanning)
    if request.method == "POST" and form.is_valid():
        inspanning = form.save(commit=False)
        inspanning._history_user = request.user
        inspanning.save()
        messages.success(request, _("Het dossier is opgeslagen."))
        return redirect("inspanningen:detail", nummer=inspanning.nummer)
    return render(
        request,
        "inspanningen/dossier_bewerken.html",
        {"inspanning": inspanning, "form": form},
        status=400 if form.is_bound else 200,
    )


def _mensen(inspanning: Inspanning) -> dict:
    """Who is involved now and before, the roles that lost their active person, and experts
    whose expertise fits the inspanning's themes but who are not involved yet."""
    rollen_op_volgorde = list(Betrokkenheid.Rol)  # trekker first, werkgroepleden last
    lopend = Betrokkenheid.objects.lopend().filter(pk=OuterRef("pk"))
    betrokkenheden = sorted(
        inspanning.betrokkenheden.select_related(
            "expert", "expert__organisatie", "overgenomen_van__expert"
        ).annotate(is_lopend=Exists(lopend)),
        key=lambda b: (rollen_op_volgorde.index(b.rol), b.expert.naam),
    )
    lopend_ids = {b.pk for b in betrokkenheden if b.is_lopend}
    lopend = [b for b in betrokkenheden if b.pk in lopend_ids]
    zonder_actieve = [
        Betrokkenheid.Rol(r["rol"]).label
        for r in Betrokkenheid.objects.filter(inspanning=inspanning).zonder_actieve()
    ]
    themas = list(inspanning.expertisegebieden.all())
    passend = search.passend(themas, behalve={b.expert_id for b in lopend})
    prefetch_related_objects(
        passend,
        Prefetch(
            "expertisegebieden",
            queryset=Expertisegebied.objects.filter(pk__in=[g.pk for g in themas]),
            to_attr="passende_themas",
        ),
    )
    for expert in passend:
        expert.overlap = len(expert.passende_themas)
    return {
        "lopend": lopend,
        "aanspreekpunt": [
            b for b in lopend if b.rol == Betrokkenheid.Rol.TREKKER and not b.expert.is_vertrokken
        ],
        "eerder": [b for b in betrokkenheden if b.pk not in lopend_ids],
        "zonder_actieve": zonder_actieve,
        "passend": passend,
        "thema_slugs": [g.slug for g in inspanning.expertisegebieden.all()],
    }


def aanbevelingen(request):
    lijst = list(Aanbeveling.objects.order_by("gearchiveerd", "volgorde", "nummer"))
    rondes = list(_zichtbare_rondes(request).order_by("jaar"))
    scores = Score.objects.filter(ronde__in=rondes).select_related("inspanning")
    per_aanbeveling = defaultdict(lambda: defaultdict(dict))
    inspanningen = defaultdict(set)
    for s in scores:
        per_aanbeveling[s.aanbeveling_id][s.inspanning][s.ronde_id] = s
        inspanningen[s.aanbeveling_id].add(s.inspanning)
    kolommen = []
    for aanbeveling in lijst:
        rijen = [
            (inspanning, [per_aanbeveling[aanbeveling.pk][inspanning].get(r.pk) for r in rondes])
            for inspanning in matrix_lib.op_volgorde(inspanningen[aanbeveling.pk])
        ]
        kolommen.append((aanbeveling, rijen))
    return render(
        request, "inspanningen/aanbevelingen.html", {"kolommen": kolommen, "rondes": rondes}
    )


@edit_page
def vertrek(request, slug: str):
    expert = get_bewerkbare_expert(request, slug)
    if expert.is_vertrokken:
        messages.info(
            request, _("%(naam)s is al als vertrokken vastgelegd.") % {"naam": expert.naam}
        )
        return redirect(expert)
    rollen = list(
        expert.betrokkenheden.lopend().select_related("inspanning").order_by("inspanning__nummer")
    )
    kandidaten = (
        Expert.objects.actief()
        .exclude(pk=expert.pk)
        .select_related("organisatie")
        .only("pk", "naam", "organisatie__naam")
        .order_by("naam", "pk")
    )
    data = request.POST if request.method == "POST" else None
    form = VertrekForm(data, expert=expert, kandidaten=kandidaten)
    formset = RolOverdrachtFormSet(data, rollen=rollen, kandidaten=kandidaten, prefix="rol")
    if data is not None and form.is_valid() and formset.is_valid():
        overdrachten = []
        for sub in formset.forms:
            opvolger = sub.cleaned_data["opvolger"] or form.cleaned_data["opvolger"]
            if opvolger is None:
                sub.add_error(
                    "opvolger",
                    _("Kies een opvolger voor deze rol, of hierboven één voor alle rollen."),
                )
            else:
                overdrachten.append(
                    services.Overdracht(sub.rol, opvolger, sub.cleaned_data["notitie"])
                )
        if formset.is_valid():
            try:
                nieuwe_rollen = services.vertrek(
                    expert=expert,
                    op=form.cleaned_data["vertrokken_op"],
                    opvolger=form.cleaned_data["opvolger"],
                    overdrachten=overdrachten,
                    door=request.user,
                    notitie=form.cleaned_data["notitie"],
                )
            except ActionRefused as exc:
                form.add_error(None, str(exc))
            else:
                meldingen.overdracht(nieuwe_rollen, vertrokken=expert)
                messages.success(
                    request,
                    ngettext(
                        "Het vertrek is vastgelegd en %(n)s rol is overgedragen.",
                        "Het vertrek is vastgelegd en %(n)s rollen zijn overgedragen.",
                        len(overdrachten),
                    )
                    % {"n": len(overdrachten)},
                )
                return redirect(expert)
    invalid = data is not None and not (form.is_valid() and formset.is_valid())
    return render(
        request,
        "inspanningen/vertrek.html",
        {
            "expert": expert,
            "form": form,
            "formset": formset,
            "rollen": rollen,
            "aanvullingen": aanvullingen.voor(aanvullingen.VERTREK, request, expert=expert),
        },
        status=400 if invalid else 200,
    )
