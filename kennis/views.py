from django.contrib import messages
from django.db import connection
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import LoginRequired, edit_page, require_login
from core.exceptions import GeenToegang
from core.guards import grote_upload
from core.htmx import render_page
from core.pagination import paginate
from core.text import geheel_getal
from experts import search
from inspanningen.models import Inspanning
from kennis import services, zoeken
from kennis.filters import KennisFilter
from kennis.forms import ArchiveerForm, KennisitemForm
from kennis.models import Bestand, Kennisitem
from kennis.opmaak import markdown

STUK = 1024 * 1024  # a download is read from the database a megabyte at a time
EXPERTS_ERNAAST = 5


def _get_item(request, slug: str) -> Kennisitem:
    """The item, if this user may see it; a visitor gets the same answer for an item that does
    not exist as for one that is not public."""
    item = (
        Kennisitem.objects.select_related("eigenaar", "vervangen_door")
        .defer("zoekvector", "zoekwoorden")
        .filter(slug=slug)
        .first()
    )
    if item is None or not item.zichtbaar_voor(request.user):
        if not request.user.is_authenticated:
            raise LoginRequired()
        raise Http404
    return item


def _get_bewerkbaar(request, slug: str) -> Kennisitem:
    require_login(request)
    item = _get_item(request, slug)
    if not item.kan_bewerken(request.user):
        raise GeenToegang(
            _(
                "Alleen de eigenaar, de coördinator en (bij een inspanning) de stuurgroep mogen dit wijzigen."
            )
        )
    return item


def lijst(request):
    qs = (
        Kennisitem.objects.actueel().zichtbaar_voor(request.user).defer("zoekvector", "zoekwoorden")
    )
    filterset = KennisFilter(request.GET, queryset=qs, request=request)
    page = paginate(request, filterset.gerangschikt())
    vraag = filterset.zoekvraag
    items = list(page.object_list)
    plekken = zoeken.plekken(items, vraag)
    for item in items:
        item.plekken = plekken.get(item.pk, [])
    experts = search.deskundigen(vraag, EXPERTS_ERNAAST) if request.user.is_authenticated else []
    return render_page(
        request,
        "kennis/lijst.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "vraag": vraag,
            "page": page,
            "items": items,
            "experts": experts,
            "tags": filterset.actieve_filters(),
        },
        partial="kennis/includes/_resultaten.html",
    )


def detail(request, slug: str):
    item = _get_item(request, slug)
    bestanden = list(item.bestanden.defer("inhoud", "tekst").select_related("door"))
    inspanningen = list(item.inspanningen.all())
    archiefreden = ""
    if item.is_gearchiveerd:
        reden = (
            item.history.filter(history_change_reason__startswith=services.ARCHIEF)
            .values_list("history_change_reason", flat=True)
            .first()
        )
        archiefreden = (reden or "").removeprefix(services.ARCHIEF)
    return render(
        request,
        "kennis/item.html",
        {
            "item": item,
            "archiefreden": archiefreden,
            "vervanger": item.vervangen_door
            if item.vervangen_door and item.vervangen_door.zichtbaar_voor(request.user)
            else None,
            "inhoud": markdown(item.inhoud),
            "bestand": bestanden[0] if bestanden else None,
            "eerdere": bestanden[1:],
            "inspanningen": inspanningen,
            "aanbevelingen": item.aanbevelingen.all(),
            "themas": item.themas.all(),
            "organisaties": item.organisaties.all(),
            "personen": [e for e in item.experts.all() if e.zichtbaar_voor(request.user)],
            "mag_bewerken": item.kan_bewerken(request.user, [i.pk for i in inspanningen]),
            "mag_archiveren": item.kan_archiveren(request.user),
            "is_eigenaar": item.is_van(request.user),
        },
    )


def _formulier(request, item: Kennisitem, template: str, initial=None):
    form = KennisitemForm(
        request.POST or None,
        request.FILES or None,
        instance=item,
        user=request.user,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        nieuw = item.pk is None
        item = services.bewaar(form, door=request.user)
        messages.success(
            request, _("Het item is toegevoegd.") if nieuw else _("Het item is opgeslagen.")
        )
        return redirect(item)
    status = 400 if form.is_bound else 200
    return render(request, template, {"form": form, "item": item}, status=status)


@grote_upload
@edit_page
def nieuw(request):
    require_login(request)
    # "Kennis toevoegen" on an inspanning's dossier links the new item to it.
    nummer = geheel_getal(request.GET.get("inspanning"))
    inspanning = (
        Inspanning.objects.filter(nummer=nummer, gearchiveerd=False).first()
        if nummer is not None and nummer < 2**15  # a PositiveSmallIntegerField
        else None
    )
    initial = {"inspanningen": [inspanning.pk]} if inspanning else None
    return _formulier(request, Kennisitem(), "kennis/item_form.html", initial)


@grote_upload
@edit_page
def bewerken(request, slug: str):
    return _formulier(request, _get_bewerkbaar(request, slug), "kennis/item_form.html")


@edit_page
@require_POST
def bevestigen(request, slug: str):
    item = _get_bewerkbaar(request, slug)
    services.bevestig(item, door=request.user)
    messages.success(request, _("Dank u: het item is als actueel bevestigd."))
    return redirect(item)


@edit_page
def archiveren(request, slug: str):
    require_login(request)
    item = _get_item(request, slug)
    if not item.kan_archiveren(request.user):
        raise GeenToegang(_("Alleen de eigenaar en de coördinator mogen dit archiveren."))
    form = ArchiveerForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        services.archiveer(
            item,
            door=request.user,
            reden=form.cleaned_data["reden"],
            vervangen_door=form.cleaned_data["vervangen_door"],
        )
        messages.success(request, _("Het item is gearchiveerd. De link blijft werken."))
        return redirect(item)
    return render(
        request,
        "kennis/archiveren.html",
        {"item": item, "form": form},
        status=400 if form.is_bound else 200,
    )


def bestand(request, slug: str, versie: int | None = None):
    """A file, as the item: the newest version, or the one asked for; streamed in pieces."""
    item = _get_item(request, slug)
    versies = Bestand.objects.filter(item=item).defer("inhoud", "tekst")
    gekozen = (
        versies.filter(versie=versie).first() if versie else versies.order_by("-versie").first()
    )
    if gekozen is None:
        raise Http404
    response = StreamingHttpResponse(
        _stukken(gekozen.pk, gekozen.grootte), content_type=gekozen.mime
    )
    response["Content-Length"] = str(gekozen.grootte)
    response["Content-Disposition"] = content_disposition_header(True, gekozen.naam)
    return response


def _stukken(pk: int, grootte: int):
    for start in range(0, grootte, STUK):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT substring(inhoud FROM %s FOR %s) FROM kennis_bestand WHERE id = %s",
                [start + 1, STUK, pk],
            )
            rij = cursor.fetchone()
        if rij is None:
            return
        yield bytes(rij[0])
