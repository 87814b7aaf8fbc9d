"""Keeps the search documents current on every change to an expert or to what their document
includes: organisation, expertise areas, domains and werkgebied. Only bookkeeping happens
here; what goes into a document is decided in experts.search.

Also: the search's lookup tables (experts.search.tabellen) are asked for again after a change
within a request; an account is linked to the expert with its e-mail address when its owner
logs in; and `geanonimiseerd` tells the apps above this one that a person's profile was
anonymised."""

from django.contrib.auth.signals import user_logged_in
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import Signal

from experts import search
from experts.models import Domein, Expert, Expertisegebied, Gemeente, Organisatie
from experts.search import tabellen

# Saving only these fields leaves the document as it is.
NIET_GEZOCHT = frozenset(
    {"laatst_bevestigd_op", "herinnerd_op", "bijgewerkt_op", "user", "zichtbaarheid"}
)
GEKOPPELD = (Organisatie, Expertisegebied, Domein, Gemeente)

# Sent by experts.services.anonimiseer inside its transaction, with `expert` and `door`. The apps
# that keep work of the person close it (inspanningen ends their roles); experts itself never
# imports them.
geanonimiseerd = Signal()


def expert_opgeslagen(sender, instance, update_fields=None, raw=False, **kwargs):
    # `raw`: loaddata restoring a backup; `herbouw_zoekindex` rebuilds everything after that.
    if raw or (update_fields and set(update_fields) <= NIET_GEZOCHT):
        return
    search.markeer([instance.pk])


def koppeling_gewijzigd(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        search.markeer(instance.experts.values_list("pk", flat=True))
    elif action in {"post_add", "post_remove", "post_clear"}:
        search.markeer((pk_set or ()) if reverse else [instance.pk])


def gekoppeld_opgeslagen(sender, instance, created, raw=False, **kwargs):
    if not (created or raw):
        search.markeer(instance.experts.values_list("pk", flat=True))


def gekoppeld_wordt_verwijderd(sender, instance, **kwargs):
    instance._expert_ids = list(instance.experts.values_list("pk", flat=True))


def gekoppeld_verwijderd(sender, instance, **kwargs):
    search.markeer(getattr(instance, "_expert_ids", ()))


def ingelogd(sender, request, user, **kwargs):
    from experts.services import koppel_account

    koppel_account(user)


def verbind() -> None:
    user_logged_in.connect(ingelogd, dispatch_uid="koppel_expert_bij_inloggen")
    post_save.connect(expert_opgeslagen, sender=Expert, dispatch_uid="zoek_expert")
    for veld in ("expertisegebieden", "domeinen", "werkgebied"):
        m2m_changed.connect(
            koppeling_gewijzigd,
            sender=getattr(Expert, veld).through,
            dispatch_uid=f"zoek_{veld}",
        )
    for model in GEKOPPELD:
        uid = model._meta.model_name
        post_save.connect(gekoppeld_opgeslagen, sender=model, dispatch_uid=f"zoek_{uid}")
        pre_delete.connect(gekoppeld_wordt_verwijderd, sender=model, dispatch_uid=f"zoek_pre_{uid}")
        post_delete.connect(gekoppeld_verwijderd, sender=model, dispatch_uid=f"zoek_del_{uid}")
    # The lookup tables of the search: asked for once a request, and again after a change.
    request_started.connect(tabellen.verzoek_begint, dispatch_uid="tabellen_begin")
    request_finished.connect(tabellen.verzoek_eindigt, dispatch_uid="tabellen_eind")
    for model in tabellen.MODELLEN:
        uid = f"tabellen_{model._meta.model_name}"
        post_save.connect(tabellen.gewijzigd, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(tabellen.gewijzigd, sender=model, dispatch_uid=f"{uid}_del")
