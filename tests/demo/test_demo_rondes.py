import pytest
from django.core.management import CommandError, call_command

from demo import rondes as demo
from inspanningen.models import Ronde, Score

pytestmark = pytest.mark.django_db


def test_demo_rounds_follow_2025_are_marked_fictional_and_only_the_last_is_open(referentie):
    assert demo.maak_rondes(5) == 4
    rondes = list(Ronde.objects.order_by("jaar"))
    assert [r.jaar for r in rondes] == [2025, 2026, 2027, 2028, 2029]
    assert [r.status for r in rondes] == ["vastgesteld"] * 4 + ["open"]
    assert rondes[0].titel == Ronde.objects.get(jaar=2025).titel  # the real round untouched
    assert all("fictief" in r.titel for r in rondes[1:])
    gewijzigd = Score.objects.filter(ronde__in=rondes[1:], beoordelingsstatus="gewijzigd")
    assert gewijzigd.exists() and all(s.toelichting.startswith("Fictief") for s in gewijzigd)
    laatste = rondes[-1].scores
    assert laatste.filter(beoordelingsstatus="te_beoordelen").exists()
    assert laatste.filter(beoordelingsstatus="bevestigd").exists()


def test_a_second_run_tops_up_and_finalises_the_open_round(referentie):
    demo.maak_rondes(2)
    assert Ronde.objects.get(jaar=2026).status == "open"
    assert demo.maak_rondes(2) == 0
    assert demo.maak_rondes(3) == 1
    assert Ronde.objects.get(jaar=2026).status == "vastgesteld"
    assert Ronde.objects.get(jaar=2027).status == "open"


def test_the_command_needs_the_reference_data_first(db):
    with pytest.raises(CommandError, match="referentiedata"):
        call_command("demo_data", "--experts", "0", "--rondes", "2")
    with pytest.raises(CommandError, match="0 of meer"):
        call_command("demo_data", "--rondes", "-1")
