"""Keeping the items' search documents current, whatever saves them (a page, the admin, the
demo data): the item, its links, its files, and the names of its themes."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from experts.models import Expertisegebied
from kennis import services, zoeken
from kennis.models import Bestand, Kennisitem

NIET_GEZOCHT = {
    "laatst_bevestigd_op",
    "bijgewerkt_op",
    "eigenaar",
    "gearchiveerd_op",
    "vervangen_door",
}


def _item_bewaard(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields and set(update_fields) <= NIET_GEZOCHT):
        return
    zoeken.bijwerken([instance.pk])


def _koppeling(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        zoeken.bijwerken([instance.pk])
    elif pk_set:  # linked from the other side (a clear from there is not sent with ids)
        zoeken.bijwerken(pk_set)


def _bestand(sender, instance, raw=False, **kwargs):
    if not raw:
        zoeken.bijwerken([instance.item_id])


def _thema(sender, instance, raw=False, **kwargs):
    if not raw:
        zoeken.bijwerken(instance.kennisitems.values_list("pk", flat=True))


def draag_over(sender, *, expert, opvolger, notitie, door, **kwargs):
    """When someone leaves (inspanningen.services.vertrokken), their items go to the successor."""
    if opvolger is not None:
        services.draag_over(van=expert, naar=opvolger, notitie=notitie, door=door)


def verbind():
    post_save.connect(_item_bewaard, sender=Kennisitem, dispatch_uid="kennis_item")
    for veld in ("themas", "inspanningen", "aanbevelingen", "organisaties"):
        m2m_changed.connect(
            _koppeling, sender=getattr(Kennisitem, veld).through, dispatch_uid=f"kennis_{veld}"
        )
    post_save.connect(_bestand, sender=Bestand, dispatch_uid="kennis_bestand")
    post_delete.connect(_bestand, sender=Bestand, dispatch_uid="kennis_bestand_weg")
    post_save.connect(_thema, sender=Expertisegebied, dispatch_uid="kennis_thema")
