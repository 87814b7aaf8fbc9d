import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from experts import search, services, uitwisseling
from experts.filters import ExpertFilter, OrganisatieFilter
from experts.forms import ExpertForm, RolOverdrachtFormSet, VertrekForm
from experts.models import Expert, Gemeente, Organisatie
from gezondgewicht import beveiliging
from gezondgewicht.access import LoginNodig, bewerkpagina, require_coordinator, require_login
from gezondgewicht.htmx import render_pagina
from gezondgewicht.paginering import pagina
from inspanningen.models import Betrokkenheid, Inspanning


def _eigen_expert(user) -> Expert | None:
    if not user.is_authenticated:
        return None
    return Expert.objects.filter(user=user).first()


def _get_expert(request, slug: str) -> Expert:
    """The expert with this slug. A profile is for logged-in users, unless its owner made it
    public (name, function, organisation and expertise only)."""
    expert = get_object_or_404(
        Expert.objects.select_related("organisatie", "opvolger", "user").defer(
            "zoekvector", "zoektekst"
        ),
        slug=slug,
    )
    if not request.user.is_authenticated and expert.zichtbaarheid != Expert.Zichtbaarheid.OPENBAAR:
        raise LoginNodig()
    return expert


def _get_bewerkbare_expert(request, slug: str) -> Expert:
    """The expert, if this user may change the profile: its owner or the coordinator."""
    require_login(request)
    expert = _get_expert(request, slug)
    if not (request.user.is_coordinator or expert.user_id == request.user.pk):
        raise PermissionDenied(
            _("Alleen de eigenaar en de coördinator mogen dit profiel wijzigen.")
        )
    return expert


def _zoekresultaten(request):
    filterset = ExpertFilter(
        request.GET,
        queryset=Expert.objects.select_related("organisatie").defer("zoekvector", "zoektekst"),
    )
    return filterset, filterset.qs


@login_required
def zoeken(request):
    filterset, qs = _zoekresultaten(request)
    vraag = filterset.zoekvraag
    rangorde = search.rangorde(qs)
    totaal, alle = len(rangorde), sum(1 for _pk, past_overal in rangorde if past_overal)
    page = pagina(request, [pk for pk, _past_overal in rangorde])
    experts = search.ophalen(page.object_list)
    fragmenten = search.fragmenten(experts, vraag)
    slugs = set(filterset.form.cleaned_data.get("expertise") or [])
    hits = [(e, search.passende_expertise(e, vraag, slugs), fragmenten.get(e.pk)) for e in experts]
    return render_pagina(
        request,
        "experts/zoeken.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "vraag": vraag,
            "page": page,
            "hits": hits,
            "totaal": totaal,
            "alle": alle,
            "tags": filterset.actieve_filters(),
        },
        deel="experts/includes/_resultaten.html",
    )


def export_csv(request):
    require_coordinator(request)
    _filterset, qs = _zoekresultaten(request)
    beveiliging.log("export", request, wat="experts-csv")
    response = HttpResponse(
        uitwisseling.export_csv(qs).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="experts.csv"'
    return response


def detail(request, slug: str):
    expert = _get_expert(request, slug)
    rollen = []
    if request.user.is_authenticated:
        rollen = list(
            expert.betrokkenheden.select_related("inspanning", "overgenomen_van__expert")
            .prefetch_related(
                Prefetch(
                    "overgedragen_aan",
                    queryset=Betrokkenheid.objects.select_related("expert"),
                )
            )
            .order_by("tot", "inspanning__nummer")
        )
    werkgebied = list(expert.werkgebied.all())
    return render(
        request,
        "experts/expert.html",
        {
            "expert": expert,
            "expertise": expert.expertisegebieden.all(),
            "domeinen": expert.domeinen.all(),
            "werkgebied": werkgebied,
            "heel_drenthe": len(werkgebied) == Gemeente.objects.count(),
            "rollen": rollen,
            "mag_bewerken": request.user.is_authenticated
            and (request.user.is_coordinator or expert.user_id == request.user.pk),
            "is_eigenaar": request.user.is_authenticated and expert.user_id == request.user.pk,
        },
    )


def _profielformulier(request, expert: Expert, *, template: str, door_eigenaar: bool):
    form = ExpertForm(
        request.POST or None,
        instance=expert,
        email_wijzigbaar=request.user.is_coordinator and not door_eigenaar,
    )
    if request.method == "POST" and form.is_valid():
        expert = services.bewaar_profiel(form, door=request.user, door_eigenaar=door_eigenaar)
        messages.success(request, _("Het profiel is opgeslagen."))
        return redirect(expert)
    return render(request, template, {"form": form, "expert": expert}, status=_status(form))


def _status(form) -> int:
    return 400 if form.is_bound and not form.is_valid() else 200


@bewerkpagina
def bewerken(request, slug: str):
    expert = _get_bewerkbare_expert(request, slug)
    door_eigenaar = expert.user_id == request.user.pk
    return _profielformulier(
        request, expert, template="experts/expert_form.html", door_eigenaar=door_eigenaar
    )


@bewerkpagina
@login_required
def mijn_profiel(request):
    expert = _eigen_expert(request.user)
    if expert is None:
        expert = Expert(email=request.user.email, naam=request.user.naam)
    return _profielformulier(
        request, expert, template="experts/mijn_profiel.html", door_eigenaar=True
    )


@login_required
def mijn_gegevens(request):
    """'Download mijn gegevens': everything about this person, history included, as JSON."""
    beveiliging.log("export", request, wat="mijn-gegevens")
    response = HttpResponse(
        json.dumps(services.mijn_gegevens(request.user), cls=DjangoJSONEncoder, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


@bewerkpagina
@reauthentication_required
def verwijderen(request):
    """'Verwijder mijn profiel': after a recent password, the profile is anonymised."""
    expert = _eigen_expert(request.user)
    if expert is None:
        messages.info(request, _("U heeft geen profiel om te verwijderen."))
        return redirect("experts:mijn_profiel")
    if request.method == "POST":
        services.anonimiseer(expert, door=request.user, reden="verwijderd door de eigenaar")
        messages.success(
            request,
            _(
                "Uw profiel is verwijderd. Uw rollen in inspanningen blijven staan als "
                "'vertrokken expert', zonder naam of contactgegevens."
            ),
        )
        return redirect("home")
    return render(request, "experts/verwijderen.html", {"expert": expert})


@bewerkpagina
@login_required
@require_POST
def bevestigen(request):
    expert = _eigen_expert(request.user)
    if expert is None:
        messages.error(request, _("U heeft nog geen profiel om te bevestigen."))
        return redirect("experts:mijn_profiel")
    services.bevestig(expert, door=request.user)
    messages.success(request, _("Dank u: uw gegevens zijn bevestigd."))
    return redirect(expert)


@bewerkpagina
def vertrek(request, slug: str):
    expert = _get_bewerkbare_expert(request, slug)
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
                services.vertrek(
                    expert=expert,
                    op=form.cleaned_data["vertrokken_op"],
                    opvolger=form.cleaned_data["opvolger"],
                    overdrachten=overdrachten,
                    door=request.user,
                )
            except services.ActieGeweigerd as exc:
                form.add_error(None, str(exc))
            else:
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
        "experts/vertrek.html",
        {"expert": expert, "form": form, "formset": formset, "rollen": rollen},
        status=400 if invalid else 200,
    )


def actualiteit(request):
    require_coordinator(request)
    verouderd = (
        Expert.objects.actief()
        .verouderd()
        .select_related("organisatie")
        .defer("zoekvector", "zoektekst")
        .order_by("bevestigd_of_aangemaakt", "naam")
    )
    telling = Expert.objects.actief().aggregate(
        totaal=Count("pk"),
        nooit=Count("pk", filter=Q(laatst_bevestigd_op__isnull=True)),
    )
    page = pagina(request, verouderd)
    return render(
        request,
        "experts/actualiteit.html",
        {"page": page, "totaal": telling["totaal"], "nooit": telling["nooit"]},
    )


def organisaties(request):
    filterset = OrganisatieFilter(
        request.GET,
        queryset=Organisatie.objects.annotate(
            aantal_experts=Count("experts", filter=Q(experts__status=Expert.Status.ACTIEF))
        ).order_by("naam"),
    )
    page = pagina(request, filterset.qs)
    return render_pagina(
        request,
        "experts/organisaties.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page": page,
            "tags": filterset.actieve_filters(),
        },
        deel="experts/includes/_organisaties.html",
    )


def _inspanningen_van(org: Organisatie):
    """The inspanningen the organisation is linked to, or that its experts have a role in."""
    gekoppeld = Inspanning.organisaties.through.objects.filter(organisatie=org)
    via_experts = Betrokkenheid.objects.lopend().filter(expert__organisatie=org)
    return Inspanning.objects.filter(
        Q(pk__in=gekoppeld.values("inspanning_id")) | Q(pk__in=via_experts.values("inspanning_id"))
    ).order_by("volgorde", "nummer")


def organisatie(request, slug: str):
    org = get_object_or_404(Organisatie, slug=slug)
    experts = org.experts.select_related("organisatie").defer("zoekvector", "zoektekst")
    if not request.user.is_authenticated:
        experts = experts.openbaar()  # visitors see only who chose to be public
    experts = experts.order_by("status", "naam")
    page = pagina(request, experts)
    return render(
        request,
        "experts/organisatie.html",
        {
            "organisatie": org,
            "page": page,
            "inspanningen": _inspanningen_van(org),
            "werkgebied": org.werkgebied.all(),
            "domeinen": org.domeinen.all(),
        },
    )
