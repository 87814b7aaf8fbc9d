"""Search quality, measured: a judged set of realistic queries over a fixed set of profiles.
`make search-eval` prints the figures; the PostgreSQL test run holds them at the aim."""

import csv
import math
from pathlib import Path

import pytest
from django.http import QueryDict

from experts import uitwisseling
from experts.filters import ExpertFilter
from experts.models import Expert

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

HIER = Path(__file__).parent
DOEL_MRR, DOEL_RECALL, DOEL_NDCG = 0.85, 0.9, 0.9


def _vragen() -> list[dict]:
    with (HIER / "vragen.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _oordelen(relevant: str) -> dict[str, int]:
    """'a@example.org:3;b@example.org:1' → grades; an address without a grade counts as 1
    (the queries judged relevant or not)."""
    oordelen = {}
    for deel in relevant.split(";"):
        email, _sep, cijfer = deel.partition(":")
        oordelen[email] = int(cijfer or 1)
    return oordelen


def _top10(vraag: str, filters: str) -> list[str]:
    data = QueryDict(filters, mutable=True)
    data["q"] = vraag
    # As the search page ranks: the best candidates, and the first page among them.
    pks = ExpertFilter(data, queryset=Expert.objects.all()).treffers()[0:10]
    emails = dict(Expert.objects.filter(pk__in=pks).values_list("pk", "email"))
    return [emails[pk] for pk in pks]


def _dcg(cijfers) -> float:
    return sum(c / math.log2(n + 1) for n, c in enumerate(cijfers, 1))


def evalueer(vragen: list[dict]) -> tuple[float, float, float, list[tuple]]:
    """MRR, recall@10 and nDCG@10 over the judged queries.
    - MRR: the first expert of grade 1 or more.
    - Recall@10: the share of the relevant experts (grade ≥ 1) in the top 10, out of at most 10
      (a query with 30 relevant experts can show only 10 of them on one page).
    - nDCG@10: the grades of the top 10, discounted by log2(rank + 1), over those of the best
      possible top 10 (linear gain: an expertise area or profession counts 3, a mention 1)."""
    regels = []
    for v in vragen:
        oordelen = _oordelen(v["relevant"])
        top = _top10(v["vraag"], v["filters"])
        rang = next((n for n, email in enumerate(top, 1) if oordelen.get(email)), None)
        recall = len(set(oordelen) & set(top)) / min(len(oordelen), 10)
        ideaal = _dcg(sorted(oordelen.values(), reverse=True)[:10])
        ndcg = _dcg(oordelen.get(email, 0) for email in top) / ideaal
        regels.append((v["vraag"], v["filters"], len(oordelen), rang, recall, ndcg))
    n = len(regels)
    mrr = sum(1 / r[3] for r in regels if r[3]) / n
    return mrr, sum(r[4] for r in regels) / n, sum(r[5] for r in regels) / n, regels


def test_search_quality_meets_the_aim(referentie, capsys):
    uitwisseling.importeer(data=(HIER / "profielen.csv").read_bytes())
    vragen = _vragen()
    gegradeerd = [v for v in vragen if ":" in v["relevant"]]
    assert Expert.objects.count() >= 150 and len(vragen) >= 30 and len(gegradeerd) >= 20
    mrr, recall, ndcg, regels = evalueer(vragen)
    deel = {
        "binair": evalueer([v for v in vragen if v not in gegradeerd]),
        "gegradeerd": evalueer(gegradeerd),
    }
    with capsys.disabled():
        print(
            f"\n{'vraag':45} {'filters':28} {'rel':>4} {'rang':>5} {'recall@10':>9} {'nDCG@10':>8}"
        )
        for vraag, filters, n, rang, r, g in regels:
            print(f"{vraag[:45]:45} {filters[:28]:28} {n:4d} {rang or '-':>5} {r:9.2f} {g:8.2f}")
        print(f"\n{len(regels)} vragen, {Expert.objects.count()} profielen:")
        for naam, (m, r, g, rs) in deel.items():
            print(
                f"  {naam:11} {len(rs):3d} vragen: MRR {m:.3f}, recall@10 {r:.3f}, nDCG@10 {g:.3f}"
            )
        print(
            f"  {'alle':11} {len(regels):3d} vragen: MRR {mrr:.3f} (doel {DOEL_MRR}), "
            f"recall@10 {recall:.3f} (doel {DOEL_RECALL}), nDCG@10 {ndcg:.3f} (doel {DOEL_NDCG})"
        )
    assert mrr >= DOEL_MRR and recall >= DOEL_RECALL and ndcg >= DOEL_NDCG
