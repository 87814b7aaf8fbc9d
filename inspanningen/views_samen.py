"""The pages of a round scored together (inspanningen.samen): a member's own scores, the
meeting's agenda and worksheet (bespreking), the report of the finalised round, and the
round's settings (chair, anonymity)."""

from collections import defaultdict

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.access import require_coordinator
from core import security_log
from core.access import edit_page, require_login
from core.exceptions import ActionRefused, GeenToegang
from core.templatetags.core import ter_plaatse
from core.text import geheel_getal
from inspanningen import matrix as matrix_lib
from inspanningen import meldingen, samen, services, uitwisseling
from inspanningen.forms import (
    BeoordelingFormSet,
    RondeInstellingenForm,
    VaststellenForm,
)
from inspanningen.models import Aanbeveling, Ronde, RondeVastgesteld, VerslagVerzending
from inspanningen.views import naar_inspanning, xlsx_download


def _samen_ronde(request, jaar: int) -> Ronde:
    """A joint round, for the stuurgroep and the coordinator: 404 for a direct round."""
    require_login(request)
    ronde = get_object_or_404(
        Ronde.objects.select_related("gebaseerd_op", "voorzitter"), jaar=jaar, werkwijze="samen"
    )
    if not samen.mag_meekijken(ronde, request.user):
        raise GeenToegang(_("Alleen de stuurgroep en de coördinator zien deze pagina."))
    return ronde


def _per_inspanning(cellen):
    groepen = defaultdict(list)
    for cel in cellen:
        groepen[cel.score.inspanning].append(cel)
    return sorted(groepen.items(), key=lambda kv: (kv[0].volgorde, kv[0].nummer))


@edit_page
def scoren(request, jaar: int):
    ronde = _samen_ronde(request, jaar)
    if not request.user.is_stuurgroep:
        raise GeenToegang(_("Alleen leden van de stuurgroep geven eigen scores."))
    cellen = samen.cellen(ronde, request.user)
    cel_ids = {c.pk for c in cellen}
    alleen_open = request.GET.get("alleen") == "open"  # only the cells not scored yet
    if request.method == "POST":
        formset = BeoordelingFormSet(request.POST, cel_ids=cel_ids)
        if formset.is_valid():
            invoer = [
                samen.Invoer(
                    score_id=f.cleaned_data["score_id"],
                    niveau=f.cleaned_data["niveau"],
                    reden=f.cleaned_data["reden"],
                )
                for f in formset.forms
                if f.cleaned_data.get("niveau")
            ]
            try:
                n = samen.bewaar_beoordelingen(ronde=ronde, invoer=invoer, door=request.user)
            except (ActionRefused, RondeVastgesteld) as exc:
                messages.error(request, exc.messages[0] if hasattr(exc, "messages") else str(exc))
                return redirect("inspanningen:scoren", jaar=jaar)
            # Back where the member was, with the message there (not above, out of view).
            nummer = geheel_getal(request.POST.get("naar"))
            tags = ter_plaatse(nummer) if nummer is not None else ""
            if n and alleen_open:  # the cells just scored leave this list
                messages.success(
                    request,
                    ngettext(
                        "%(n)s score opgeslagen. De scores van anderen voor die cel ziet u onder ‘Toon alle cellen’.",
                        "%(n)s scores opgeslagen. De scores van anderen voor die cellen ziet u onder ‘Toon alle cellen’.",
                        n,
                    )
                    % {"n": n},
                )
            elif n:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s score opgeslagen. U ziet nu ook de scores van anderen voor die cel.",
                        "%(n)s scores opgeslagen. U ziet nu ook de scores van anderen voor die cellen.",
                        n,
                    )
                    % {"n": n},
                    extra_tags=tags,
                )
            else:
                messages.info(
                    request, _("Er was niets gewijzigd; er is niets opgeslagen."), extra_tags=tags
                )
            # a section scored on the 'not yet scored' list has left it: then the top of the page
            anker = (
                f"#inspanning-{nummer}" if nummer is not None and not (alleen_open and n) else ""
            )
            return redirect(request.get_full_path() + anker)
    else:
        formset = BeoordelingFormSet(
            initial=[
                {
                    "score_id": c.pk,
                    "niveau": c.eigen.niveau if c.eigen else "",
                    "reden": c.eigen.reden if c.eigen else "",
                }
                for c in cellen
                if not (alleen_open and c.eigen)
            ],
            cel_ids=cel_ids,
        )
    formulieren = {}
    for form in formset.forms:
        formulieren[geheel_getal(form["score_id"].value())] = form
    for cel in cellen:
        cel.form = formulieren.get(cel.pk)
    gescoord = sum(c.eigen is not None for c in cellen)
    kan_scoren = ronde.kan_scoren(request.user)
    gesloten = not kan_scoren and ronde.status != Ronde.Status.CONCEPT
    # Once scoring has closed, a member who gave no score has no page of empty forms to read.
    getoond = [c for c in cellen if c.form is not None and not (gesloten and not gescoord)]
    groepen = _per_inspanning(getoond)
    return render(
        request,
        "inspanningen/samen/scoren.html",
        {
            "ronde": ronde,
            "form": formset,
            "groepen": groepen,
            "naar_inspanning": naar_inspanning(
                ((c.score.inspanning, c.eigen is not None) for c in cellen), groepen
            ),
            "alleen_open": alleen_open,
            "aantal": len(cellen),
            "gescoord": gescoord,
            "kan_scoren": kan_scoren,
            "gesloten": gesloten,
            "met_namen": samen.namen_zichtbaar(ronde, request.user),
        },
        status=400 if formset.is_bound and not formset.is_valid() else 200,
    )


def _bespreking_context(request, ronde: Ronde, formulieren=None) -> dict:
    cellen = samen.cellen(ronde, request.user) if ronde.scores_openbaar else []
    kan = ronde.kan_bewerken(request.user)
    formulieren = formulieren or {}
    # A form for each bespreekpunt; a cell everyone agreed on gets one when asked for
    # (?cel=<pk>, "Anders vaststellen"), so the worksheet stays light.
    gevraagd = geheel_getal(request.GET.get("cel"))
    for cel in cellen:
        cel.form = formulieren.get(cel.pk) or (
            VaststellenForm(
                initial={
                    "versie": cel.score.versie,
                    "niveau": cel.voorstel,
                    "toelichting": cel.toelichting_voorstel,
                    "minderheidsstandpunt": cel.score.minderheidsstandpunt,
                },
                prefix=f"cel-{cel.pk}",
            )
            if kan and (cel.spreiding.is_bespreekpunt or gevraagd == cel.pk)
            else None
        )
    punten = [c for c in cellen if c.spreiding.is_bespreekpunt]
    eens = [c for c in cellen if c.gescoord and not c.spreiding.is_bespreekpunt]
    te_aanvaarden = defaultdict(int)
    for c in eens:
        if c.te_aanvaarden:
            te_aanvaarden[c.score.aanbeveling] += 1
    return {
        "ronde": ronde,
        "bespreekpunten": punten,
        "eens": eens,
        "zonder_scores": [c for c in cellen if not c.gescoord],
        "zonder_scores_open": sum(not c.gescoord and not c.score.is_beoordeeld for c in cellen),
        "te_aanvaarden": sorted(
            te_aanvaarden.items(), key=lambda kv: (kv[0].volgorde, kv[0].nummer)
        ),
        "te_aanvaarden_totaal": sum(te_aanvaarden.values()),
        "kan_vaststellen": kan,
        "met_namen": samen.namen_zichtbaar(ronde, request.user),
        "voortgang": samen.voortgang(ronde) if request.user.is_coordinator else None,
        "aantal_cellen": ronde.scores.count() if not cellen else len(cellen),
        "vastgesteld": sum(c.score.is_beoordeeld for c in cellen),
    }


@edit_page
def bespreking(request, jaar: int):
    """The meeting's agenda and worksheet: bespreekpunten first, then the cells everyone
    agreed on; the coordinator or the chair sets each official cell here."""
    ronde = _samen_ronde(request, jaar)
    formulieren = {}
    status = 200
    if request.method == "POST":
        if not ronde.kan_bewerken(request.user):
            raise GeenToegang(
                _("Alleen de coördinator of de voorzitter stelt in de bespreking cellen vast.")
            )
        pk = geheel_getal(request.POST.get("cel"))
        form = VaststellenForm(request.POST, prefix=f"cel-{pk}")
        if pk is None or not ronde.scores.filter(pk=pk).exists():
            messages.error(request, _("Deze cel hoort niet bij de ronde. Laad de pagina opnieuw."))
            status = 400
        elif form.is_valid():
            data = form.cleaned_data
            try:
                resultaat = services.bewaar_scores(
                    ronde=ronde,
                    invoer=[
                        services.ScoreInvoer(
                            score_id=pk,
                            versie=data["versie"],
                            niveau=data["niveau"],
                            toelichting=data["toelichting"],
                            minderheidsstandpunt=data["minderheidsstandpunt"],
                            bevestigd=True,
                        )
                    ],
                    door=request.user,
                )
            except RondeVastgesteld as exc:
                messages.error(request, exc.messages[0])
                return redirect("inspanningen:bespreking", jaar=jaar)
            if not resultaat.conflicten:
                messages.success(
                    request, _("De cel is vastgesteld."), extra_tags=ter_plaatse(f"cel-{pk}")
                )
                return redirect(reverse("inspanningen:bespreking", args=[jaar]) + f"#cel-{pk}")
            messages.warning(
                request,
                _(
                    "Iemand anders heeft deze cel intussen vastgesteld; uw invoer is niet "
                    "opgeslagen. Bij de cel staan de opgeslagen versie en wat u invulde: pas aan "
                    "en sla opnieuw op."
                ),
            )
            opgeslagen = resultaat.conflicten[0][1]
            form = VaststellenForm(
                initial={**data, "versie": opgeslagen.versie}, prefix=f"cel-{pk}"
            )
            form.conflict = opgeslagen
            formulieren[pk] = form
            status = 200
        else:
            messages.error(request, _("De cel is niet opgeslagen: zie de melding bij de cel."))
            formulieren[pk] = form
            status = 400
    return render(
        request,
        "inspanningen/samen/bespreking.html",
        _bespreking_context(request, ronde, formulieren),
        status=status,
    )


@edit_page
def aanvaarden(request, jaar: int):
    """POST: accept, in one action, the cells everyone agreed on (one aanbeveling or all)."""
    ronde = _samen_ronde(request, jaar)
    if request.method != "POST":
        return redirect("inspanningen:bespreking", jaar=jaar)
    if not ronde.kan_bewerken(request.user):
        raise GeenToegang(
            _("Alleen de coördinator of de voorzitter stelt in de bespreking cellen vast.")
        )
    keuze = request.POST.get("aanbeveling", "alle")
    aanbeveling_id = None
    if keuze != "alle":
        aanbeveling_id = geheel_getal(keuze)
        if aanbeveling_id is None or not Aanbeveling.objects.filter(pk=aanbeveling_id).exists():
            messages.error(request, _("Onbekende aanbeveling; er is niets aanvaard."))
            return redirect("inspanningen:bespreking", jaar=jaar)
    zonder_scores = request.POST.get("soort") == "zonder_scores"
    try:
        if zonder_scores:
            aantal = len(samen.laat_zonder_scores(ronde=ronde, door=request.user))
        else:
            aantal = len(
                samen.aanvaard_eensgezind(
                    ronde=ronde, door=request.user, aanbeveling_id=aanbeveling_id
                )
            )
    except ActionRefused as exc:
        messages.error(request, str(exc))
        return redirect("inspanningen:bespreking", jaar=jaar)
    anker = "zonder-scores" if zonder_scores else "eens"
    messages.success(
        request,
        samen.zonder_scores_bericht(aantal) if zonder_scores else samen.aanvaard_bericht(aantal),
        extra_tags=ter_plaatse(anker),
    )
    return redirect(reverse("inspanningen:bespreking", args=[jaar]) + f"#{anker}")


def _verslag_ronde(request, jaar: int) -> Ronde:
    """The report: a finalised joint round, for logged-in users."""
    require_login(request)
    ronde = get_object_or_404(
        Ronde.objects.select_related("gebaseerd_op", "vastgesteld_door"),
        jaar=jaar,
        werkwijze="samen",
    )
    if not ronde.is_vastgesteld:
        raise Http404(_("Het verslag komt er als de ronde is vastgesteld."))
    return ronde


def verslag(request, jaar: int):
    ronde = _verslag_ronde(request, jaar)
    cellen = samen.cellen(ronde, request.user)
    vorige = ronde.gebaseerd_op  # the round it started from, as the meeting showed it
    vergelijking = matrix_lib.vergelijk(vorige, ronde, request.user) if vorige else None
    return render(
        request,
        "inspanningen/samen/verslag.html",
        {
            "ronde": ronde,
            "matrix": matrix_lib.bouw_matrix(ronde, user=request.user),
            "niveaus": matrix_lib.NIVEAUS,
            "vorige": vorige,
            "vergelijking": vergelijking,
            "bespreekpunten": [c for c in cellen if c.spreiding.is_bespreekpunt],
            "minderheid": [c for c in cellen if c.score.minderheidsstandpunt],
            "instemming": samen.instemming(cellen),
            "met_namen": samen.namen_zichtbaar(ronde, request.user),
            "verstuurd": ronde.verzendingen.select_related("door").first(),
        },
    )


def verslag_xlsx(request, jaar: int):
    ronde = _verslag_ronde(request, jaar)
    security_log.log("export", request, wat="verslag-xlsx", jaar=ronde.jaar)
    return xlsx_download(
        uitwisseling.verslag_xlsx(ronde, request.user), f"verslag-{ronde.jaar}.xlsx"
    )


@edit_page
def verslag_versturen(request, jaar: int):
    """The coordinator sends the report to the coalition: a confirmation page, then one e-mail
    to every active account, recorded in the security log."""
    require_coordinator(request)
    ronde = _verslag_ronde(request, jaar)
    if request.method == "POST":
        n = meldingen.verslag(ronde, door=request.user)
        VerslagVerzending.objects.create(ronde=ronde, door=request.user, aantal=n)
        security_log.log("verslag_verstuurd", request, jaar=ronde.jaar, aantal=n)
        messages.success(
            request,
            ngettext(
                "Het verslag is naar %(n)s account gestuurd.",
                "Het verslag is naar %(n)s accounts gestuurd.",
                n,
            )
            % {"n": n},
        )
        return redirect("inspanningen:verslag", jaar=jaar)
    return render(
        request,
        "inspanningen/samen/verslag_versturen.html",
        {
            "ronde": ronde,
            "aantal": meldingen.verslag_ontvangers(request.user).count(),
            "eerder": ronde.verzendingen.select_related("door"),
        },
    )


@edit_page
def instellingen(request, jaar: int):
    require_coordinator(request)
    ronde = _samen_ronde(request, jaar)
    if ronde.is_vastgesteld:
        raise GeenToegang(_("Een vastgestelde ronde verandert niet meer."))
    form = RondeInstellingenForm(request.POST or None, instance=ronde)
    if request.method == "POST" and form.is_valid():
        ronde = form.save(commit=False)
        ronde._history_user = request.user
        ronde._change_reason = "instellingen"
        ronde.save()
        messages.success(
            request, _("De instellingen van ronde %(jaar)s zijn bewaard.") % {"jaar": jaar}
        )
        return redirect("inspanningen:bespreking", jaar=jaar)
    return render(
        request,
        "inspanningen/samen/instellingen.html",
        {"ronde": ronde, "form": form},
        status=400 if form.errors else 200,
    )
