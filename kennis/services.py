"""Writes of the kennisbank: saving an item with its links and a new file version, confirming,
archiving, and moving items to a successor when their owner leaves. The search document is
rewritten after each (kennis.zoeken)."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from experts.models import Expert
from inspanningen.models import Betrokkenheid
from kennis.models import Bestand, Kennisitem


@transaction.atomic
def bewaar(form, *, door) -> Kennisitem:
    """The item of a valid KennisitemForm, its people and owner, and its new file if any."""
    item = form.save(commit=False)
    nieuw = item.pk is None
    if nieuw:
        item.aangemaakt_door = door
    item.eigenaar = form.cleaned_data.get("eigenaar_email")
    upload = form.cleaned_data.get("bestand")
    reden = (form.cleaned_data.get("reden") or "").strip()
    item._history_user = door
    item._change_reason = f"nieuwe versie van het bestand: {reden}" if upload and not nieuw else ""
    item.save()
    form.save_m2m()
    item.experts.set(form.cleaned_data.get("personen") or [])
    if upload:
        voeg_bestand_toe(item, upload, reden=reden or "eerste versie", door=door)
    return item


def voeg_bestand_toe(item: Kennisitem, upload, *, reden: str, door) -> Bestand:
    """The next version of the item's file (an upload read by forms.BestandVeld). The item is
    locked, so two uploads at once get different version numbers."""
    Kennisitem.objects.select_for_update().filter(pk=item.pk).first()
    laatste = item.bestanden.aggregate(m=Max("versie"))["m"] or 0
    gelezen = upload.gelezen
    return Bestand.objects.create(
        item=item,
        versie=laatste + 1,
        naam=upload.name[:200],
        mime=gelezen.mime,
        grootte=len(upload.inhoud),
        sha256=gelezen.sha256,
        inhoud=upload.inhoud,
        tekst=gelezen.tekst,
        tekststatus=gelezen.tekststatus,
        reden=reden[:500],
        door=door,
    )


def bevestig(item: Kennisitem, *, door) -> None:
    """'Klopt nog': reviewed today."""
    item.laatst_bevestigd_op = timezone.now()
    item._history_user = door
    item._change_reason = "klopt nog"
    item.save(update_fields=["laatst_bevestigd_op", "bijgewerkt_op"])


ARCHIEF = "gearchiveerd: "  # how an archiving reads in the history, before its reason


@transaction.atomic
def archiveer(item: Kennisitem, *, door, reden: str, vervangen_door: Kennisitem | None) -> None:
    """Deleting is archiving: gone from search and the dossier, its link still answers."""
    item.gearchiveerd_op = timezone.now()
    item.vervangen_door = vervangen_door
    item._history_user = door
    item._change_reason = f"{ARCHIEF}{reden}"
    item.save(update_fields=["gearchiveerd_op", "vervangen_door", "bijgewerkt_op"])


def draag_over(*, van: Expert, naar: Expert | None, rollen=(), notitie: str, door) -> int:
    """The items `van` keeps (as owner, or as author of an item without one) go to a successor:
    for an item of an inspanning, the one who took over `van`'s role there (the trekker's
    first), else `naar`, the successor on the profile. With neither, an item stays with `van`,
    marked as having left. The handover note goes into each item's history."""
    volgorde = list(Betrokkenheid.Rol)
    per_inspanning = {}
    for rol in sorted(rollen, key=lambda r: volgorde.index(r.rol)):
        per_inspanning.setdefault(rol.inspanning_id, rol.expert)
    items = Kennisitem.objects.beheerd_door(van).prefetch_related("inspanningen")
    verplaatst = 0
    for item in items:
        opvolger = next(
            (per_inspanning[i.pk] for i in item.inspanningen.all() if i.pk in per_inspanning), naar
        )
        if opvolger is None:
            continue
        item.eigenaar = opvolger
        item._history_user = door
        item._change_reason = f"overgedragen bij vertrek van {van.naam}: {notitie}".strip(": ")[
            :1000
        ]
        item.save(update_fields=["eigenaar", "bijgewerkt_op"])
        verplaatst += 1
    return verplaatst
