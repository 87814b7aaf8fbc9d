from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.access import require_coordinator
from core import aanvullingen, security_log
from core.access import LoginRequired, edit_page, require_login
from core.exceptions import GeenToegang
from core.htmx import render_page
from core.pagination import paginate
from experts import search, services, uitwisseling
from experts.filters import ExpertFilter, OrganisatieFilter
from experts.forms import ExpertForm
from experts.models import Expert, Gemeente, Organisatie
from experts.vcard import vcard as vcard_van


def _eigen_expert(user) -> Expert | None:
    if not user.is_authenticated:
        return None
    return Expert.objects.filter(user=user).first()


def _get_expert(request, slug: str) -> Expert:
    """The expert with this slug. A profile is for logged-in users, unless its owner made it
    public (name, function, organisation and expertise only). A visitor gets the same answer
    for a profile that does not exist as for one that is not public, so that no one can try
    out which people are in the app."""
    expert = (
        Expert.objects.select_related("organisatie", "opvolger", "user")
        .defer("zoekvector")
        .filter(slug=slug)
        .first()
    )
    if expert is None or not expert.zichtbaar_voor(request.user):
        if not request.user.is_authenticated:
            raise LoginRequired()
        raise Http404
    return expert


def get_bewerkbare_expert(request, slug: str) -> Expert:
    """The expert, if this user may change the profile (Expert.kan_bewerken)."""
    require_login(request)
    expert = _get_expert(request, slug)
    if not expert.kan_bewerken(request.user):
        raise GeenToegang(_("Alleen de eigenaar en de coördinator mogen dit profiel wijzigen."))
    return expert


def _zoekfilter(request) -> ExpertFilter:
    return ExpertFilter(
        request.GET,
        queryset=Expert.objects.select_related("organisatie").defer("zoekvector"),
    )


@login_required
def zoeken(request):
    filterset = _zoekfilter(request)
    treffers = filterset.treffers()
    vraag = treffers.vraag  # known once the filters have run
    page = paginate(request, treffers)
    experts = search.ophalen(page.object_list, vraag)
    fragmenten = search.fragmenten(experts, vraag)
    slugs = set(filterset.form.cleaned_data.get("expertise") or [])
    hits = [(e, search.passende_expertise(e, vraag, slugs), fragmenten.get(e.pk)) for e in experts]
    return render_page(
        request,
        "experts/zoeken.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "vraag": vraag,
            "page": page,
            "hits": hits,
            "totaal": page.paginator.count,
            "totaal_begrensd": treffers.begrensd,
            "alle": treffers.alle,
            "tags": filterset.actieve_filters(),
            "aanvullingen": aanvullingen.voor(aanvullingen.EXPERTS_ZOEKEN, request, vraag=vraag),
        },
        partial="experts/includes/_resultaten.html",
    )


@edit_page  # contact details of everyone: only after the second factor, like an edit page
def export_csv(request):
    require_coordinator(request)
    qs = _zoekfilter(request).gerangschikt()
    security_log.log("export", request, wat="experts-csv")
    response = HttpResponse(
        uitwisseling.export_csv(qs).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="experts.csv"'
    return response


def vcard(request, slug: str):
    """The profile's contact card for a phone's contacts: for logged-in users only, as the
    contact details on the profile are, and recorded in the security log like other exports."""
    require_login(request)
    expert = _get_expert(request, slug)
    security_log.log("export", request, wat="vcard", expert=expert.pk)
    response = HttpResponse(
        vcard_van(expert).encode("utf-8"), content_type="text/vcard; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{expert.slug}.vcf"'
    return response


def detail(request, slug: str):
    expert = _get_expert(request, slug)
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
            "mag_bewerken": expert.kan_bewerken(request.user),
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


@edit_page
def bewerken(request, slug: str):
    expert = get_bewerkbare_expert(request, slug)
    door_eigenaar = expert.user_id == request.user.pk
    return _profielformulier(
        request, expert, template="experts/expert_form.html", door_eigenaar=door_eigenaar
    )


@edit_page
@login_required
def mijn_profiel(request):
    expert = _eigen_expert(request.user)
    if expert is None:
        expert = Expert(email=request.user.email, naam=request.user.naam)
    return _profielformulier(
        request, expert, template="experts/mijn_profiel.html", door_eigenaar=True
    )


@edit_page
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


@edit_page
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


def actualiteit(request):
    require_coordinator(request)
    verouderd = (
        Expert.objects.actief()
        .verouderd()
        .select_related("organisatie")
        .defer("zoekvector")
        .order_by("bevestigd_of_aangemaakt", "naam")
    )
    telling = Expert.objects.actief().aggregate(
        totaal=Count("pk"),
        nooit=Count("pk", filter=Q(laatst_bevestigd_op__isnull=True)),
    )
    page = paginate(request, verouderd)
    return render(
        request,
        "experts/actualiteit.html",
        {
            "page": page,
            "totaal": telling["totaal"],
            "nooit": telling["nooit"],
            "te_herinneren": services.te_herinneren().count(),
        },
    )


@edit_page
@require_POST
def herinneren(request):
    """'Herinner nu': the reminder mail of herinner_verouderde_profielen, with its 30-day limit."""
    require_coordinator(request)
    herinneringen = services.herinner_verouderd()
    n = sum(h.verzonden for h in herinneringen)
    if n or not herinneringen:
        messages.success(
            request,
            ngettext(
                "%(n)s eigenaar van een verouderd profiel kreeg een herinnering.",
                "%(n)s eigenaren van een verouderd profiel kregen een herinnering.",
                n,
            )
            % {"n": n},
        )
    if n < len(herinneringen):
        messages.warning(
            request,
            ngettext(
                "%(n)s herinnering kon niet worden verstuurd: de mailserver is niet bereikbaar. "
                "Probeer het later opnieuw.",
                "%(n)s herinneringen konden niet worden verstuurd: de mailserver is niet "
                "bereikbaar. Probeer het later opnieuw.",
                len(herinneringen) - n,
            )
            % {"n": len(herinneringen) - n},
        )
    terug = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(terug, {request.get_host()}, request.is_secure()):
        terug = reverse("experts:actualiteit")
    return redirect(terug)


def organisaties(request):
    filterset = OrganisatieFilter(
        request.GET,
        queryset=Organisatie.objects.annotate(
            aantal_experts=Count("experts", filter=Q(experts__status=Expert.Status.ACTIEF))
        ).order_by("naam"),
    )
    page = paginate(request, filterset.qs)
    return render_page(
        request,
        "experts/organisaties.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page": page,
            "tags": filterset.actieve_filters(),
        },
        partial="experts/includes/_organisaties.html",
    )


def organisatie(request, slug: str):
    org = get_object_or_404(Organisatie, slug=slug)
    experts = org.experts.select_related("organisatie").defer("zoekvector")
    if not request.user.is_authenticated:
        experts = experts.openbaar()  # visitors see only who chose to be public
    experts = experts.order_by("status", "naam")
    page = paginate(request, experts)
    return render(
        request,
        "experts/organisatie.html",
        {
            "organisatie": org,
            "page": page,
            "werkgebied": org.werkgebied.all(),
            "domeinen": org.domeinen.all(),
        },
    )
