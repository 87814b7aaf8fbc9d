import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inspanningen.models import Ronde, Score
from tests.factories import AanbevelingFactory, InspanningFactory, RondeFactory, ScoreFactory

pytestmark = pytest.mark.django_db


def test_a_round_has_one_score_per_inspanning_and_aanbeveling():
    score = ScoreFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(
            ronde=score.ronde, inspanning=score.inspanning, aanbeveling=score.aanbeveling
        )
    assert Score.objects.count() == 1


def test_another_round_may_score_the_same_inspanning_and_aanbeveling():
    score = ScoreFactory()
    Score.objects.create(
        ronde=RondeFactory(), inspanning=score.inspanning, aanbeveling=score.aanbeveling
    )
    assert Score.objects.count() == 2


def test_a_year_has_only_one_round():
    RondeFactory(jaar=2026)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ronde.objects.create(jaar=2026, titel="Tweede ronde 2026")
    assert Ronde.objects.filter(jaar=2026).count() == 1


@pytest.mark.parametrize("jaar", [1999, 2101])
def test_a_year_outside_2000_2100_is_refused_by_the_database(jaar):
    with pytest.raises(IntegrityError), transaction.atomic():
        Ronde.objects.create(jaar=jaar, titel="Buiten bereik")
    assert not Ronde.objects.exists()


def test_a_year_outside_2000_2100_is_a_validation_error():
    with pytest.raises(ValidationError) as exc:
        Ronde(jaar=1999, titel="Te vroeg").full_clean()
    assert "jaar" in exc.value.message_dict


def test_an_unknown_level_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(
            ronde=RondeFactory(),
            inspanning=InspanningFactory(),
            aanbeveling=AanbevelingFactory(),
            niveau="goed",
        )
    assert not Score.objects.exists()


def test_a_long_note_is_a_validation_error():
    score = ScoreFactory.build(
        ronde=RondeFactory(),
        inspanning=InspanningFactory(),
        aanbeveling=AanbevelingFactory(),
        toelichting="x" * 2001,
    )
    with pytest.raises(ValidationError) as exc:
        score.full_clean()
    assert "toelichting" in exc.value.message_dict


def test_score_changes_are_recorded_in_history():
    score = ScoreFactory(niveau="deels")
    score.niveau = "sterk"
    score.save()
    assert [h.niveau for h in score.history.all()] == ["sterk", "deels"]
