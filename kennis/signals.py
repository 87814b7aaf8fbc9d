"""Keeping the items' search documents current, whatever saves them (a page, the admin, the
demo data): the item, its links, its files, and the names of its themes."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from experts.models import Expertisegebied, Organisatie
from inspanningen.models import Aanbeveling, Inspanning
from kennis import services, zoeken
from kennis.models import Bestand, Kennisitem

NIET_GEZOCHT = {
    "laatst_bevestigd_op",
    "bijgewerkt_op",
    "eigenaar",
    "vervangen_door",
}


def _item_bewaard(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields and set(update_fields) <= NIET_GEZOCHT):
        return
    zoeken.bijwerken([instance.pk])


def _koppeling(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            zoeken.bijwerken([instance.pk])
    elif action == "pre_clear":  # from the other side: the items are known only before
        instance._kennis_ids = list(instance.kennisitems.values_list("pk", flat=True))
    elif action == "post_clear":
        zoeken.bijwerken(getattr(instance, "_kennis_ids", []))
    elif action in ("post_add", "post_remove") and pk_set:
        zoeken.bijwerken(pk_set)


def _gekoppeld_wordt_verwijderd(sender, instance, **kwargs):
    """A theme, organisation, inspanning or aanbeveling goes: its items, before it goes (the
    delete takes the link rows without an m2m signal)."""
    instance._kennis_ids = list(instance.kennisitems.values_list("pk", flat=True))


def _gekoppeld_verwijderd(sender, instance, **kwargs):
    zoeken.bijwerken(getattr(instance, "_kennis_ids", []))


def _bestand(sender, instance, raw=False, **kwargs):
    if not raw:
        zoeken.bijwerken([instance.item_id])


def _thema(sender, instance, raw=False, **kwargs):
    if not raw:
        zoeken.bijwerken(instance.kennisitems.values_list("pk", flat=True))


def draag_over(sender, *, expert, opvolger, notitie, rollen, door, **kwargs):
    """When someone leaves (inspanningen.services.vertrokken), their items go to successors."""
    services.draag_over(van=expert, naar=opvolger, rollen=rollen, notitie=notitie, door=door)


def verbind():
    post_save.connect(_item_bewaard, sender=Kennisitem, dispatch_uid="kennis_item")
    for veld in ("themas", "inspanningen", "aanbevelingen", "organisaties"):
        m2m_changed.connect(
            _koppeling, sender=getattr(Kennisitem, veld).through, dispatch_uid=f"kennis_{veld}"
        )
    post_save.connect(_bestand, sender=Bestand, dispatch_uid="kennis_bestand")
    post_delete.connect(_bestand, sender=Bestand, dispatch_uid="kennis_bestand_weg")
    post_save.connect(_thema, sender=Expertisegebied, dispatch_uid="kennis_thema")
    for model in (Expertisegebied, Organisatie, Inspanning, Aanbeveling):
        pre_delete.connect(
            _gekoppeld_wordt_verwijderd, sender=model, dispatch_uid=f"kennis_weg_{model.__name__}"
        )
        post_delete.connect(
            _gekoppeld_verwijderd, sender=model, dispatch_uid=f"kennis_weg_na_{model.__name__}"
        )
