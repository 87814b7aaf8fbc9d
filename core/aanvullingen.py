"""Places on a page of a lower app where a higher app adds its part, so that dependencies stay
one way (pyproject.toml, import-linter): the kennisbank adds an inspanning's knowledge items to
its dossier and matching items beside the experts, without inspanningen or experts knowing it.

A higher app registers, in its AppConfig.ready(), a function for a place; the page's view calls
`voor(plek, request, **context)` and shows the HTML each function returns, in order."""

from collections import defaultdict
from collections.abc import Callable

from django.utils.safestring import SafeString

_plekken: dict[str, list[Callable[..., SafeString | str]]] = defaultdict(list)

INSPANNING = "inspanning"  # the dossier: inspanning=Inspanning
EXPERTS_ZOEKEN = "experts_zoeken"  # beside the search results: vraag=Zoekvraag
VERTREK = "vertrek"  # the handover page: expert=Expert
# Data rather than HTML: toelichtingen={score pk: text}, user → {score pk: [cited items]}
SCORE_BRONNEN = "score_bronnen"


def registreer(plek: str, functie: Callable[..., SafeString | str]) -> None:
    if functie not in _plekken[plek]:
        _plekken[plek].append(functie)


def voor(plek: str, request, **context) -> list[SafeString | str]:
    return [html for functie in _plekken[plek] if (html := functie(request, **context))]


def verzamel(plek: str, **context) -> dict:
    """The dicts that the functions for a data place return, merged."""
    samen: dict = {}
    for functie in _plekken[plek]:
        samen.update(functie(**context) or {})
    return samen
