"""Search for experts: 'type what you need, and the right people come first'.

- `analysis`: what the user typed becomes *begrippen* (the things asked for), each with every
  phrase that counts as a match: stop words dropped, the thesaurus and the expertise areas'
  synonyms applied (GLI ↔ gecombineerde leefstijlinterventie), a place of several words kept
  as one (Aa en Hunze), a question in the words of an area's description also asking for the
  area, typos corrected against the vocabulary of distinct words with pg_trgm
  (buurtsportcaoch → buurtsportcoach), and compounds and inflections from that vocabulary
  (zorg → ouderenzorg, coach → coaches).
- `ranking`: PostgreSQL full-text search over the stored documents (a tsvector with a GIN index,
  in the Dutch configuration `gg_nl` that ignores accents and stems words). Name (weight A),
  expertise areas (B), function, profession, organisation and werkgebied (C), free text (D).
  Profiles that match every begrip come first, then those matching more begrippen in A–C (what
  someone is, not what they wrote; a begrip counts once, however many synonyms match); active
  experts above those who left, and a profile unconfirmed for a year a little lower. Also the
  snippets with the matches marked.
- `tabellen`: the lookup tables (thesaurus, expertise areas, places, domains, organisations)
  and what is derived from them, kept by each process and checked for changes in the one query
  that reads them.
- `index`: the documents and the vocabulary, kept current by the signals in experts.signals;
  inside `gebundeld()` the changes are gathered and written once; `herbouw()` rebuilds all.
"""

from experts.search import tabellen
from experts.search.analysis import Zoekvraag, analyseer
from experts.search.index import bijwerken, document, gebundeld, herbouw, markeer, schrijf
from experts.search.ranking import (
    Treffers,
    deskundigen,
    fragmenten,
    met_kenmerk,
    ophalen,
    passend,
    passende_expertise,
    zoek,
)

__all__ = [
    "Treffers",
    "Zoekvraag",
    "analyseer",
    "deskundigen",
    "bijwerken",
    "document",
    "fragmenten",
    "gebundeld",
    "herbouw",
    "markeer",
    "met_kenmerk",
    "ophalen",
    "passend",
    "passende_expertise",
    "schrijf",
    "tabellen",
    "zoek",
]
