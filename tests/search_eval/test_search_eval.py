"""Search quality, measured: a judged set of realistic queries over a fixed set of 180 profiles.
`make search-eval` prints the figures; the PostgreSQL test run holds them at the aim."""

import csv
from pathlib import Path

import pytest
from django.http import QueryDict

from experts import uitwisseling
from experts.filters import ExpertFilter
from experts.models import Expert

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

HIER = Path(__file__).parent
DOEL_MRR, DOEL_RECALL = 0.85, 0.9


def _vragen() -> list[dict]:
    with (HIER / "vragen.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _top10(vraag: str, filters: str) -> list[str]:
    data = QueryDict(filters, mutable=True)
    data["q"] = vraag
    return list(
        ExpertFilter(data, queryset=Expert.objects.all()).qs.values_list("email", flat=True)[:10]
    )


def evalueer() -> tuple[float, float, list[tuple]]:
    """MRR and recall@10 over the judged set. Recall@10 of a query is the share of its
    relevant experts in the top 10, out of at most 10 (a query with 30 relevant experts can
    show only 10 of them on one page)."""
    regels = []
    for v in _vragen():
        relevant = set(v["relevant"].split(";"))
        top = _top10(v["vraag"], v["filters"])
        rang = next((n for n, email in enumerate(top, 1) if email in relevant), None)
        recall = len(relevant & set(top)) / min(len(relevant), 10)
        regels.append((v["vraag"], v["filters"], len(relevant), rang, recall))
    mrr = sum(1 / r[3] for r in regels if r[3]) / len(regels)
    recall = sum(r[4] for r in regels) / len(regels)
    return mrr, recall, regels


def test_search_quality_meets_the_aim(referentie, capsys):
    uitwisseling.importeer(data=(HIER / "profielen.csv").read_bytes())
    assert Expert.objects.count() >= 150 and len(_vragen()) >= 30
    mrr, recall, regels = evalueer()
    with capsys.disabled():
        print(f"\n{'vraag':45} {'filters':28} {'rel':>4} {'rang':>5} {'recall@10':>9}")
        for vraag, filters, n, rang, r in regels:
            print(f"{vraag[:45]:45} {filters[:28]:28} {n:4d} {rang or '-':>5} {r:9.2f}")
        print(
            f"\n{len(regels)} vragen, {Expert.objects.count()} profielen: "
            f"MRR {mrr:.3f} (doel {DOEL_MRR}), recall@10 {recall:.3f} (doel {DOEL_RECALL})"
        )
    assert mrr >= DOEL_MRR and recall >= DOEL_RECALL
