"""simple-history's audit rows as plain data, for the AVG data download ('Download mijn
gegevens'); `json.dumps(…, cls=DjangoJSONEncoder)` writes them."""

from django.core.exceptions import ObjectDoesNotExist
from django.forms.models import model_to_dict
from simple_history.models import registered_models

HISTORY_FIELDS = ["history_id", "history_date", "history_type", "history_change_reason"]


def history_rows(records) -> list[dict]:
    """Each history record: the object's fields as they were, and when and how it changed."""
    return [
        {**model_to_dict(h), **{veld: getattr(h, veld) for veld in HISTORY_FIELDS}} for h in records
    ]


def vergeet_in_beheerlog(obj, naam: str | None = None) -> None:
    """The admin's log names an object by what it was called then: after anonymising (or
    deleting), by `naam`, or what it is called now."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).update(object_repr=(naam or str(obj))[:200])


def changes_by(user) -> list[dict]:
    """The audit rows, of every audited model, that name this person as the one who made a
    change."""
    rijen = []
    for model in registered_models.values():
        records = list(model.history.filter(history_user=user).order_by("history_date"))
        for h, obj in zip(records, _zoals_het_was(model, records), strict=True):
            rijen.append(
                {
                    "wat": model._meta.verbose_name,
                    "object": _naam(obj)[:200],
                    "op": h.history_date,
                    "soort": h.get_history_type_display(),
                    "reden": h.history_change_reason,
                }
            )
    return rijen


def _zoals_het_was(model, records) -> list:
    """Each record's object as it was, with the objects it points to (its name often needs
    them) fetched in one query per relation rather than one per record."""
    # Built here rather than by simple-history's `instance`, which fetches the fields the
    # history leaves out (bijgewerkt_op, …) with a query per record.
    velden = [f for f in model._meta.concrete_fields if records and hasattr(records[0], f.attname)]
    objecten = [model(**{f.attname: getattr(h, f.attname) for f in velden}) for h in records]
    for veld in model._meta.concrete_fields:
        if veld.many_to_one:
            ids = {getattr(o, veld.attname) for o in objecten} - {None}
            doelen = veld.related_model._base_manager.in_bulk(ids)
            for o in objecten:
                if getattr(o, veld.attname) in doelen:
                    setattr(o, veld.name, doelen[getattr(o, veld.attname)])
    return objecten


def _naam(obj) -> str:
    try:
        return str(obj)
    except ObjectDoesNotExist:  # it pointed at something deleted since
        return f"{obj._meta.verbose_name} {obj.pk}"
