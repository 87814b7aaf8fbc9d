from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from demo import experts as demo
from experts.models import Expert
from inspanningen.models import Betrokkenheid

pytestmark = pytest.mark.django_db


def test_demo_experts_are_fictional_and_spread_realistically(referentie):
    resultaat = demo.maak(300, seed=7)
    experts = Expert.objects.prefetch_related("werkgebied", "expertisegebieden")
    assert resultaat.nieuw == 300 == experts.count()
    assert all(e.email.endswith("@example.org") for e in experts)
    gemeenten = Counter(g.naam for e in experts for g in e.werkgebied.all())
    assert len(gemeenten) == 12 and gemeenten["Emmen"] > gemeenten["Westerveld"]
    assert len({e.beroepsgroep for e in experts}) >= 15
    assert len({g.naam for e in experts for g in e.expertisegebieden.all()}) >= 20
    assert len({e.toelichting for e in experts}) >= 290  # profile texts vary
    assert (
        Expert.objects.verouderd().exists() and Expert.objects.filter(status="vertrokken").exists()
    )
    assert Betrokkenheid.objects.exists()


def test_the_same_seed_gives_the_same_experts_and_a_second_run_adds_nothing(referentie):
    demo.maak(50, seed=3)
    eerste = list(Expert.objects.order_by("email").values_list("email", "naam", "functie"))
    assert demo.maak(50, seed=3).nieuw == 0
    assert list(Expert.objects.order_by("email").values_list("email", "naam", "functie")) == eerste
    assert demo.maak(60, seed=3).nieuw == 10  # a larger run tops up


def test_demo_experts_are_searchable_at_once(referentie, client, professional):
    demo.maak(40, seed=1)
    client.force_login(professional)
    buurtsportcoaches = Expert.objects.filter(beroepsgroep="buurtsportcoach").count()
    assert buurtsportcoaches > 0
    r = client.get(reverse("experts:zoeken"), {"beroep": "buurtsportcoach"})
    assert r.context["totaal"] == buurtsportcoaches
    assert Expert.objects.filter(zoekvector__isnull=False).count() == 40


def test_the_command_needs_the_reference_data_and_reports(referentie):
    out = StringIO()
    call_command("demo_data", "--experts", "5", "--seed", "2", stdout=out)
    assert "5 experts nieuw" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("demo_data", "--experts", "-1")


def test_the_command_refuses_without_reference_data(db):
    with pytest.raises(CommandError, match="referentiedata"):
        call_command("demo_data", "--experts", "5", stdout=StringIO())
