"""The lookup tables that every search reads: the thesaurus, the expertise areas, the gemeenten,
domeinen and organisaties, with what is derived from them (the thesaurus groups of `analysis`,
the filters' choice lists, the expertise areas of the hits).

Reading some 250 rows and turning them into those structures took about 3 ms of a search's
40 (docs/performance.md), so each process keeps them. Whether they are still current is asked
in the one query that would read them anyway, once a request (lees()): it returns a
fingerprint (md5) of all those rows, and the rows themselves only when the fingerprint differs
from the one this process holds. A change is seen by the next request in every process,
whoever made it (the admin, another app instance, a migration, a restore, a test that rolls
back), and nothing has to be invalidated: what this process holds is never used once stale."""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import connection

from experts.models import Domein, Expertisegebied, Gemeente, Organisatie, Thesaurusterm

T = TypeVar("T")

# The models whose tables are read; experts.signals tells lees() when a row of theirs changes.
MODELLEN = (Thesaurusterm, Expertisegebied, Gemeente, Domein, Organisatie)

# (id, slug, naam, synoniemen, omschrijving); a thesaurus term has no slug, its term is its naam.
Rij = tuple[int, str, str, str, str]
SOORTEN = ("thesaurus", "expertise", "gemeente", "domein", "organisatie")

# The rows of the tables, and their fingerprint (in the column slug of a row without soort);
# the rows only when the fingerprint differs from the one given (%s). The names of the tables
# are checked against the models by tests/experts/test_tabellen.py.
_QUERY = """
WITH rijen AS (
    SELECT 'thesaurus' AS soort, id, '' AS slug, term AS naam, synoniemen, '' AS omschrijving
    FROM experts_thesaurusterm
    UNION ALL
    SELECT 'expertise', id, slug, naam, synoniemen, omschrijving FROM experts_expertisegebied
    UNION ALL SELECT 'gemeente', id, slug, naam, '', '' FROM experts_gemeente
    UNION ALL SELECT 'domein', id, slug, naam, '', '' FROM experts_domein
    UNION ALL SELECT 'organisatie', id, slug, naam, '', '' FROM experts_organisatie
),
versie AS (SELECT md5(coalesce(string_agg(rijen::text, E'\\n'), '')) AS md5 FROM rijen)
SELECT NULL, NULL, md5, NULL, NULL, NULL FROM versie
UNION ALL
SELECT rijen.* FROM rijen, versie WHERE versie.md5 IS DISTINCT FROM %s
"""


@dataclass
class Tabellen:
    vingerafdruk: str | None
    rijen: dict[str, list[Rij]]
    _afgeleid: dict = field(default_factory=dict)

    def afgeleid(self, maak: Callable[["Tabellen"], T]) -> T:
        """`maak(self)`, made once for these tables. The result is shared by every request
        until the tables change: it must not be changed."""
        if maak not in self._afgeleid:
            self._afgeleid[maak] = maak(self)
        return self._afgeleid[maak]


class _Verzoek(threading.local):
    """Whether this thread is handling a request, and whether lees() asked during it."""

    bezig = False
    gelezen = False


_huidig = Tabellen(None, {})
_verzoek = _Verzoek()


def lees() -> Tabellen:
    """The lookup tables as they are now, in one query: those this process holds when they did
    not change, or else read again. Within a request they are asked for once, as if read when
    it began (the search page needs them for its filters, its words and its hits), and again
    after a save or delete of one of their rows; outside a request on every call."""
    global _huidig
    huidig = _huidig  # another thread may replace it meanwhile
    if _verzoek.gelezen:
        return huidig
    with connection.cursor() as cursor:
        cursor.execute(_QUERY, [huidig.vingerafdruk])
        rijen = cursor.fetchall()
    vingerafdruk = next(slug for soort, _id, slug, *_rest in rijen if soort is None)
    _verzoek.gelezen = _verzoek.bezig
    if vingerafdruk == huidig.vingerafdruk:
        return huidig
    nieuw = Tabellen(vingerafdruk, {soort: [] for soort in SOORTEN})
    for soort, *rij in rijen:
        if soort is not None:
            nieuw.rijen[soort].append(tuple(rij))
    _huidig = nieuw
    return nieuw


def verzoek_begint(**kwargs) -> None:
    _verzoek.bezig, _verzoek.gelezen = True, False


def verzoek_eindigt(**kwargs) -> None:
    _verzoek.bezig = _verzoek.gelezen = False


def gewijzigd(**kwargs) -> None:
    """A row of the lookup tables was saved or deleted: the next lees() asks again."""
    _verzoek.gelezen = False
