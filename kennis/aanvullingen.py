"""What the kennisbank adds to pages of other apps (core.aanvullingen): an inspanning's
knowledge items on its dossier, matching items beside the experts, and on the handover page
the items that go to the successor."""

import re
from itertools import groupby

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string

from kennis import zoeken
from kennis.models import Kennisitem

NAAST_EXPERTS = 5
PER_SOORT = 5  # the dossier shows the newest five of each type, and links to all


def _zichtbaar(request):
    return (
        Kennisitem.objects.actueel()
        .zichtbaar_voor(request.user)
        .only("titel", "slug", "soort", "samenvatting", "datum", "werkte_niet")
    )


def dossier(request, *, inspanning):
    """The inspanning's items by type: the newest PER_SOORT of each, how many there are, and how
    many lessons did not work; in one query, however many items there are."""
    items = list(
        _zichtbaar(request)
        .filter(inspanningen=inspanning)
        .annotate(
            rang=Window(
                RowNumber(), partition_by=F("soort"), order_by=[F("datum").desc(), "titel"]
            ),
            aantal=Window(Count("pk"), partition_by=F("soort")),
            niet_gewerkt=Window(Count("pk", filter=Q(werkte_niet=True))),
        )
        .filter(rang__lte=PER_SOORT)
    )
    volgorde = list(Kennisitem.Soort)
    items.sort(key=lambda i: (volgorde.index(i.soort), i.rang))
    per_soort = [
        (Kennisitem.Soort(soort), list(groep))
        for soort, groep in groupby(items, key=lambda i: i.soort)
    ]
    return render_to_string(
        "kennis/includes/_dossier.html",
        {
            "inspanning": inspanning,
            "per_soort": [(soort, groep, groep[0].aantal) for soort, groep in per_soort],
            "werkte_niet": items[0].niet_gewerkt if items else 0,
        },
        request=request,
    )


def naast_experts(request, *, vraag):
    if vraag.leeg or not request.user.is_authenticated:
        return ""
    items = zoeken.met_woorden(_zichtbaar(request), vraag, NAAST_EXPERTS)
    return render_to_string(
        "kennis/includes/_naast_experts.html", {"items": items, "vraag": vraag}, request=request
    )


def vertrek(request, *, expert):
    items = list(Kennisitem.objects.beheerd_door(expert).only("titel", "slug").order_by("titel"))
    if not items:
        return ""
    return render_to_string("kennis/includes/_vertrek.html", {"items": items}, request=request)


# A toelichting cites an item by its address: …/kennis/<slug>/ (pasted from the item's page).
CITAAT = re.compile(r"/kennis/([a-z0-9]+(?:-[a-z0-9]+)*)/?")


def bronnen(*, toelichtingen: dict, user=None) -> dict:
    """Per score, the items its toelichting cites that `user` may see, in citing order."""
    slugs = {pk: list(dict.fromkeys(CITAAT.findall(tekst))) for pk, tekst in toelichtingen.items()}
    alle = {s for lijst in slugs.values() for s in lijst} - {"nieuw", "feed"}
    if not alle:
        return {}
    qs = Kennisitem.objects.filter(slug__in=alle).only("titel", "slug", "gearchiveerd_op")
    if user is None or not user.is_authenticated:
        qs = qs.filter(zichtbaarheid=Kennisitem.Zichtbaarheid.OPENBAAR)
    items = {i.slug: i for i in qs}
    return {pk: [items[s] for s in lijst if s in items] for pk, lijst in slugs.items()}
