import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from demo import rondes as demo
from inspanningen import samen
from inspanningen.models import Beoordeling, Ronde, Score

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


def test_2026_is_a_finished_joint_round_and_a_second_run_tops_up(referentie):
    demo.maak_rondes(2)
    ronde = Ronde.objects.get(jaar=2026)
    assert (ronde.status, ronde.werkwijze, ronde.weergave) == ("vastgesteld", "samen", "anoniem")
    # fifteen fictional members of four perspectives scored every cell; a few bespreekpunten,
    # one settled with a minority note
    leden = User.objects.filter(beoordelingen__score__ronde=ronde).distinct()
    assert leden.count() == 15
    assert all(u.email.endswith("@example.org") and "demo" in u.naam for u in leden)
    assert not any(u.has_usable_password() for u in leden)
    assert len(set(leden.values_list("perspectief", flat=True))) == 4
    assert Beoordeling.objects.filter(score__ronde=ronde).count() == 15 * 55
    cellen = samen.cellen(ronde, leden.first())
    punten = [c for c in cellen if c.spreiding.is_bespreekpunt]
    assert 2 <= len(punten) <= 5
    assert any(c.spreiding.door_spreiding for c in punten)
    assert any(c.spreiding.door_perspectieven and not c.spreiding.door_spreiding for c in punten)
    assert ronde.scores.exclude(minderheidsstandpunt="").count() == 1
    assert not ronde.scores.filter(beoordelingsstatus="te_beoordelen").exists()
    assert demo.maak_rondes(2) == 0
    assert demo.maak_rondes(3) == 1
    assert Ronde.objects.get(jaar=2027).status == "open"


def test_the_command_needs_the_reference_data_first(db):
    with pytest.raises(CommandError, match="referentiedata"):
        call_command("demo_data", "--experts", "0", "--rondes", "2")
    with pytest.raises(CommandError, match="0 of meer"):
        call_command("demo_data", "--rondes", "-1")
